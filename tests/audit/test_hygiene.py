"""Latin words in Chinese prose, phrases repeated back to back, broken 文号."""

from tests.audit.reports import audit_text, codes


def test_it_flags_english_words_in_chinese_sentences():
    findings = audit_text("负责城市管理 etc 等职能，贯彻思想 and 精神。")
    assert codes(findings) == ["latin-word", "latin-word"]
    assert [f.stated for f in findings] == ["etc", "and"]


def test_it_accepts_acronyms_units_and_single_letters():
    assert audit_text("推进 GDP 增长，建设 5G 基站 30 km，丽江花园 M 地块，开发政务 App。") == ()


def test_it_flags_a_phrase_repeated_back_to_back():
    findings = audit_text("组织对 2023 年度 2023 年度项目开展自评。")
    assert codes(findings) == ["repeated-phrase"]
    assert findings[0].quote == "2023 年度 2023 年度"


def test_it_accepts_reduplication_and_repeated_characters():
    assert audit_text("竞标争先冲冲冲，干干净净，一一落实。") == ()


def test_it_flags_a_document_number_with_unbalanced_brackets():
    findings = audit_text("根据财预〔2021]101号文件和财预〔2020〕10号文件。")
    assert codes(findings) == ["document-number"]
    assert "2021" in findings[0].quote


def test_it_flags_a_document_number_missing_its_opening_bracket():
    assert codes(audit_text("根据财预2021〕101号文件。")) == ["document-number"]
