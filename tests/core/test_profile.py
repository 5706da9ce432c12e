from decimal import Decimal

import pytest

from jixiao.core.profile import ProfileError, load_profile


def test_the_default_profile_carries_the_domain_defaults():
    profile = load_profile()
    assert profile.execution_weight == Decimal(10)
    assert profile.project_weights["产出指标"] == Decimal(50)
    assert profile.over_threshold == Decimal("1.30")
    assert [name for name, _ in profile.grades] == ["优", "良", "中", "差"]


def test_grades_follow_the_profiles_bands():
    profile = load_profile()
    assert profile.grade(Decimal("90")) == "优"
    assert profile.grade(Decimal("89.99")) == "良"
    assert profile.grade(Decimal("60")) == "中"
    assert profile.grade(Decimal("59.99")) == "差"


def test_the_default_profile_says_which_values_are_unconfirmed():
    profile = load_profile()
    assert profile.is_unconfirmed("project.weights")
    assert profile.is_unconfirmed("department.dimensions")
    assert not profile.is_unconfirmed("grades")


def test_a_jurisdiction_can_change_a_rule_in_its_own_file(tmp_path):
    text = (load_profile.__globals__["PROFILE_DIR"] / "default.toml").read_text(encoding="utf-8")
    changed = text.replace('"优" = 90', '"优" = 95')
    path = tmp_path / "strict.toml"
    path.write_text(changed, encoding="utf-8")
    assert load_profile(path).grade(Decimal("92")) == "良"


def test_a_missing_or_broken_profile_is_a_chinese_error(tmp_path):
    with pytest.raises(ProfileError, match="找不到规则配置"):
        load_profile("no-such-profile")
    broken = tmp_path / "broken.toml"
    broken.write_text("id = ", encoding="utf-8")
    with pytest.raises(ProfileError, match="格式错误"):
        load_profile(broken)
