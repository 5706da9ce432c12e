"""The seed report (shared/seed) as the first case: what the issue says the audit must find."""

from pathlib import Path

import pytest

from jixiao.core.audit import audit_document
from jixiao.core.audit.extract import extract
from jixiao.core.audit.rates import change_relations
from jixiao.core.profile import load_profile
from jixiao.io.report_reader import read_report

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_1034b28f74ca61dd.txt"


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip(f"the seed report is not beside the repository at {SEED}")
    return read_report(SEED)


@pytest.fixture(scope="module")
def findings(seed):
    return audit_document(seed, load_profile())


def test_it_accepts_the_seed_total_as_within_rounding(findings):
    [rounding] = [f for f in findings if f.code == "sum-rounding"]
    assert rounding.severity.value == "info"
    assert (rounding.stated, rounding.computed) == ("25,748.56 万元", "25,748.57 万元")


def test_it_confirms_the_seed_rates_against_their_bases(seed, findings):
    relations = [
        relation
        for paragraph in extract(seed).paragraphs
        for relation in change_relations(paragraph)
    ]
    assert [r.rate.quantity.text for r in relations] == ["14.3%", "18.5%"]
    assert [str(r.implied_base / 10000) for r in relations] == ["16396.78", "8600.06"]
    assert not [f for f in findings if f.code.startswith(("rate-", "change-direction"))]


def test_it_notes_the_nine_listed_changes_that_end_with_deng(findings):
    notes = [f for f in findings if "2,329.86" in f.message]
    assert len(notes) == 1
    assert notes[0].severity.value == "info"
    assert "等" in notes[0].message


def test_it_flags_the_latin_words_in_the_seed(findings):
    assert [f.stated for f in findings if f.code == "latin-word"] == ["etc", "and"]


def test_it_flags_the_repeated_year_in_the_seed(findings):
    assert [f.quote for f in findings if f.code == "repeated-phrase"] == ["2023 年度 2023 年度"]


def test_it_finds_no_error_and_nothing_else_to_warn_of_in_the_seed(findings):
    assert not [f for f in findings if f.severity.value == "error"]
    warnings = sorted(f.code for f in findings if f.severity.value == "warning")
    assert warnings == ["latin-word", "latin-word", "repeated-phrase"]


def test_it_reads_the_seed_outline(seed):
    assert seed.paragraphs[-1].section == "四、下一步改进措施"
    assert any(
        block.section == "一、部门基本情况 › （四）部门整体收支情况" for block in seed.paragraphs
    )
