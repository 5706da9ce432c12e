"""A form template's wording for an adjusted target is checked when it is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.io import form_templates


def test_a_form_template_with_a_misspelt_placeholder_is_refused(
    tmp_path: Path, monkeypatch
) -> None:
    shipped = (form_templates.FORMS_DIR / "project-caiyu-2020-10.toml").read_text(encoding="utf-8")
    broken = shipped.replace("原值{original}", "原值{originl}")
    (tmp_path / "project-broken.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(form_templates, "FORMS_DIR", tmp_path)
    with pytest.raises(form_templates.FormTemplateError, match="broken"):
        form_templates.project_form("broken")
