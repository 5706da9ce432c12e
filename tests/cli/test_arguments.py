from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.cli.report_command import output_stems


def test_a_missing_argument_is_explained_in_chinese(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["report", "x.xlsx"])
    assert stopped.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_workbooks_with_the_same_name_in_different_folders_get_different_outputs():
    paths = [Path("甲/2023.xlsx"), Path("乙/2023.xlsx"), Path("乙/其他.xlsx")]
    assert output_stems(paths) == {paths[0]: "甲-2023", paths[1]: "乙-2023", paths[2]: "其他"}
