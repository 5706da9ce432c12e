"""The audit over the whole corpus: no error on a correct report, few warnings, defects found."""

import pytest

from tests.audit.corpus_run import CORPUS, run_corpus

MAX_WARNINGS_PER_REPORT = 0.2


@pytest.fixture(scope="module")
def result():
    outcome = run_corpus()
    print("\n" + outcome.summary())
    return outcome


def test_every_defect_report_is_named_in_the_expectations():
    import tomllib

    expected = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(path.name for path in (CORPUS / "defect").iterdir())


def test_it_raises_no_error_on_a_correct_report(result):
    assert [(f.code, f.quote) for f in result.false_errors()] == []


def test_it_warns_at_most_once_per_five_correct_reports(result):
    warnings = result.false_warnings()
    assert len(warnings) <= MAX_WARNINGS_PER_REPORT * len(result.clean), [
        (f.code, f.quote) for f in warnings
    ]


def test_it_finds_the_defect_of_every_defect_report(result):
    assert result.missed() == []
