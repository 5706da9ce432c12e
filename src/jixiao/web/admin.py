"""Django admin: users and their roles, departments and sections, rules profiles.

Department-years are view-only here: their data changes only through the import and
editing services (which rescore and write history); the admin may delete a year.
A rules profile is parsed before it is saved, so a broken TOML never reaches scoring;
the profiles list opens with the profiles in use, the shipped default among them
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
from jixiao.web.selectors.profiles import profiles_in_use
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
        return data


@admin.register(models.RulesProfileRecord)
class RulesProfileAdmin(admin.ModelAdmin):
    form = RulesProfileForm
    list_display = ("key", "title")
    search_fields = ("key",)
    change_list_template = "admin/jixiao/rules_profiles.html"

    @admin.display(description="名称")
    def title(self, record: models.RulesProfileRecord) -> str:
        return profile_title(record.key)

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        extra = {**(extra_context or {}), "profiles_in_use": profiles_in_use()}
        return super().changelist_view(request, extra_context=extra)

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
