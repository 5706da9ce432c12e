from jixiao.core.quoting import quoted


def test_a_name_is_quoted_with_chinese_quotes():
    assert quoted("项目绩效指标") == "“项目绩效指标”"


def test_quotes_inside_a_quoted_name_become_single_quotes():
    assert quoted("“三公”经费") == "“‘三公’经费”"
