"""Django admin: users and their roles, departments and sections, rules profiles.

Department-years are view-only here: their data changes only through the import and
editing services (which rescore and write history); the admin may delete a year.
A rules profile is parsed before it is saved, so a broken TOML never reaches scoring;
saving or deleting one rescores the years of its key (``services.profile_rescore``), and
its change and delete pages say how many years that is beforehand. The profiles list
opens with the profiles in use, the shipped default among them
(read-only: a shipped file changes with the software, an administrator overrides it by
adding a record of the same key). Access comes from each user's role (用户角色), so
Django's groups and per-model permissions are not offered.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from jixiao.core.profile import ProfileError, load_profile_text, shipped_profile_text
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.selectors.profiles import profiles_in_use, years_by_status
from jixiao.web.services.profiles import profile_title

admin.site.site_header = "jixiao 预算绩效管理 · 系统管理"
admin.site.site_title = "jixiao 系统管理"
admin.site.index_title = "用户、部门与规则配置"


class MembershipForm(forms.ModelForm):
    class Meta:
        model = models.Membership
        fields = ("role", "department", "section", "district")

    def clean(self) -> dict:
        """Each role needs exactly the place it works in."""
        data = super().clean()
        role, department, section = data.get("role"), data.get("department"), data.get("section")
        if role == Role.BUREAU and not data.get("district"):
            raise ValidationError("财政局用户须填写地区。")
        if role in (Role.FINANCE, Role.WORKING_GROUP, Role.SECTION) and department is None:
            raise ValidationError("财务人员、工作小组和业务科室用户须选择部门。")
        if role == Role.SECTION and (
            section is None or section.department_id != getattr(department, "pk", None)
        ):
            raise ValidationError("业务科室用户须选择本部门的科室。")
        return data


class MembershipInline(admin.StackedInline):
    model = models.Membership
    form = MembershipForm
    can_delete = True
    verbose_name_plural = "角色"
    autocomplete_fields = ("department",)


class JixiaoUserAdmin(UserAdmin):
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "email")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    list_filter = ("is_active", "is_superuser")
    list_display = ("username", "first_name", "role", "is_active", "is_superuser", "last_login")
    list_select_related = ("membership",)

    @admin.display(description="角色")
    def role(self, user: User) -> str:
        found = getattr(user, "membership", None)
        return found.get_role_display() if found else ("管理员" if user.is_superuser else "—")


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, JixiaoUserAdmin)


class SectionInline(admin.TabularInline):
    model = models.Section
    extra = 0


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "parent")
    list_filter = ("district",)
    search_fields = ("name", "full_name", "district")
    inlines = (SectionInline,)


@admin.register(models.Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "department")
    list_filter = ("department__district",)
    search_fields = ("name", "department__name")


class RulesProfileForm(forms.ModelForm):
    text = forms.CharField(
        label="TOML 内容", widget=forms.Textarea(attrs={"rows": 30, "cols": 100})
    )

    class Meta:
        model = models.RulesProfileRecord
        fields = ("key", "text")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("text") is not None:
            try:
                load_profile_text(data["text"], data.get("key") or "")
            except ProfileError as error:
                raise ValidationError({"text": str(error)}) from error
        previous = self.initial.get("key")
        if self.instance.pk and previous and data.get("key") != previous:
            problem = orphaned_years_problem(previous, "改标识")
            if problem:
                raise ValidationError({"key": problem})
        return data


def orphaned_years_problem(key: str, action: str) -> str:
    """Why ``action`` may not take away the record of ``key`` (empty when it may): years
    scored under it would be left without rules when no shipped file of that key exists."""
    count = sum(years_by_status({key}).values())
    if not count or shipped_profile_text(key) is not None:
        return ""
    return (f"规则配置“{key}”用于 {count} 个部门年度，且没有随系统提供的同名文件："
            f"{action}后这些部门年度将无法计分。请先将这些部门年度改用其他规则配置。")  # fmt: skip


@admin.register(models.RulesProfileRecord)
class RulesProfileAdmin(admin.ModelAdmin):
    form = RulesProfileForm
    list_display = ("key", "title")
    search_fields = ("key",)
    change_list_template = "admin/jixiao/rules_profiles.html"
    change_form_template = "admin/jixiao/rules_profile_change.html"
    delete_confirmation_template = "admin/jixiao/rules_profile_delete.html"

    @admin.display(description="名称")
    def title(self, record: models.RulesProfileRecord) -> str:
        return profile_title(record.key)

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        extra = {**(extra_context or {}), "profiles_in_use": profiles_in_use()}
        return super().changelist_view(request, extra_context=extra)

    def _years_context(self, object_id: str) -> dict[str, object]:
        """The years this record's key scores, by status: saving rescores them all."""
        found = models.RulesProfileRecord.objects.filter(pk=object_id).first()
        counts = years_by_status({found.key}) if found else {}
        return {"rescored_years": sum(counts.values()), "rescored_by_status": counts}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {**(extra_context or {}), **self._years_context(object_id)}
        return super().change_view(request, object_id, form_url, extra)

    def delete_view(self, request, object_id, extra_context=None):
        extra = {**(extra_context or {}), **self._years_context(object_id)}
        return super().delete_view(request, object_id, extra)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        keys = {obj.key, getattr(obj, "previous_key", None)} - {None}
        self._say_rescored(request, sum(years_by_status(keys).values()))

    def get_actions(self, request):
        # One at a time, through delete_view: its page says which years are rescored.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and orphaned_years_problem(obj.key, "删除"):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj) -> None:
        count = sum(years_by_status({obj.key}).values())
        super().delete_model(request, obj)
        self._say_rescored(request, count)

    def _say_rescored(self, request: HttpRequest, count: int) -> None:
        if count:
            self.message_user(
                request,
                f"已按保存后的规则重新计算 {count} 个部门年度的得分、等级、问题和监控预警。",
            )

    def get_urls(self):
        shipped = path(
            "shipped/<str:key>/",
            self.admin_site.admin_view(self.shipped_view),
            name="jixiao_rulesprofile_shipped",
        )
        return [shipped, *super().get_urls()]

    def shipped_view(self, request: HttpRequest, key: str) -> HttpResponse:
        """A shipped profile file, read-only."""
        text = shipped_profile_text(key)
        if text is None or not self.has_view_permission(request):
            raise Http404
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "key": key, "title": profile_title(key), "text": text}  # fmt: skip
        return TemplateResponse(request, "admin/jixiao/rules_profile_shipped.html", context)


@admin.register(models.DepartmentYear)
class DepartmentYearAdmin(admin.ModelAdmin):
    # The JSON columns hold internal keys; their content shows on the department pages.
    exclude = ("texts", "dimension_scores")
    readonly_fields = ("profile_title",)
    list_display = (
        "department",
        "year",
        "status",
        "computed_score",
        "grade",
        "error_count",
        "source_name",
    )
    list_filter = ("year", "status", "department__district")
    search_fields = ("department__name",)
    list_select_related = ("department",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="规则配置名称")
    def profile_title(self, year: models.DepartmentYear) -> str:
        return profile_title(year.profile)
