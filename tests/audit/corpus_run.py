"""The audit over the report corpus in tests/audit/corpus: false alarms and defects found.

``clean/`` holds correct reports as departments write them; ``defect/`` holds reports
with one known defect each, named in ``expected.toml`` by the codes that report it.
A defect counts as found when one of its codes comes out at warning or error level.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.audit import AuditFinding, audit_document
from jixiao.core.profile import load_profile
from jixiao.io.report_reader import read_report

CORPUS = Path(__file__).resolve().parent / "corpus"
SERIOUS = ("error", "warning")


@dataclass(frozen=True)
class CorpusResult:
    """What the audit said about each corpus report."""

    clean: dict[str, tuple[AuditFinding, ...]]
    defects: dict[str, tuple[tuple[AuditFinding, ...], tuple[str, ...]]]

    def false_errors(self) -> list[AuditFinding]:
        """Error-level findings on correct reports."""
        return [f for found in self.clean.values() for f in found if f.severity.value == "error"]

    def false_warnings(self) -> list[AuditFinding]:
        """Warning-level findings on correct reports."""
        return [f for found in self.clean.values() for f in found if f.severity.value == "warning"]

    def missed(self) -> list[str]:
        """Defect reports whose defect no warning or error names."""
        return [
            name
            for name, (found, expected) in self.defects.items()
            if not any(f.code in expected and f.severity.value in SERIOUS for f in found)
        ]

    def stray_findings(self) -> list[AuditFinding]:
        """Warnings and errors on defect reports that name no injected defect."""
        return [
            f
            for found, expected in self.defects.values()
            for f in found
            if f.severity.value in SERIOUS and f.code not in expected
        ]

    def true_findings(self) -> list[AuditFinding]:
        """Warnings and errors on defect reports that name their injected defect."""
        return [
            f
            for found, expected in self.defects.values()
            for f in found
            if f.severity.value in SERIOUS and f.code in expected
        ]

    def precision(self) -> float:
        """The share of warnings and errors that are right: those naming an injected
        defect, over every warning and error on the corpus."""
        right = len(self.true_findings())
        wrong = len(self.false_errors()) + len(self.false_warnings()) + len(self.stray_findings())
        return right / max(right + wrong, 1)

    def recall(self) -> float:
        """The share of defect reports whose defect a warning or error names."""
        return (len(self.defects) - len(self.missed())) / max(len(self.defects), 1)

    def summary(self) -> str:
        """The figures, in Chinese, as the benchmark prints them."""
        clean, defects = len(self.clean), len(self.defects)
        found = defects - len(self.missed())
        warnings = len(self.false_warnings())
        return (
            f"正确报告 {clean} 份：错误 {len(self.false_errors())} 项，"
            f"警告 {warnings} 项（每份 {warnings / max(clean, 1):.2f} 项，"
            f"每 5 份 {warnings * 5 / max(clean, 1):.2f} 项）；"
            f"缺陷报告 {defects} 份：发现 {found} 份（召回率 {self.recall():.0%}），"
            f"另有无关警告或错误 {len(self.stray_findings())} 项；"
            f"精确率 {self.precision():.0%}"
        )


def run_corpus(folder: Path = CORPUS) -> CorpusResult:
    """Audit every report of the corpus once."""
    profile = load_profile()
    expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    clean = {
        path.name: audit_document(read_report(path), profile)
        for path in sorted((folder / "clean").iterdir())
    }
    defects = {
        path.name: (audit_document(read_report(path), profile), tuple(expected[path.name]))
        for path in sorted((folder / "defect").iterdir())
    }
    return CorpusResult(clean, defects)
