"""Every finding code the checks can give has its Chinese name, meaning and remedy."""

from __future__ import annotations

import re
from pathlib import Path

from jixiao.core import checks
from jixiao.core.finding_codes import FINDING_KINDS, KINDS_BY_CODE, finding_name

LATIN = re.compile(r"[A-Za-z]{2,}")


def _codes_in_checks() -> set[str]:
    source = Path(checks.__file__).read_text(encoding="utf-8")
    return set(re.findall(r'Finding\(\s*"([A-Z_]+)"', source))


def test_every_code_the_checks_give_is_in_the_table() -> None:
    assert _codes_in_checks() - set(KINDS_BY_CODE) == set()


def test_each_code_appears_once_and_speaks_chinese() -> None:
    assert len(KINDS_BY_CODE) == len(FINDING_KINDS)
    for kind in FINDING_KINDS:
        assert not LATIN.search(kind.name + kind.meaning + kind.remedy), kind.code


def test_an_unknown_code_gets_a_generic_name_not_the_code() -> None:
    assert finding_name("DEVIATION_EXPLANATION_MISSING") == "偏差原因分析缺失"
    assert finding_name("SOMETHING_NEW") == "数据检查问题"
