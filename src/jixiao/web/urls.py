"""Every route of the web application. Views live one module per screen in ``views/``."""

from django.contrib import admin
from django.urls import path

from jixiao.web.views import (
    accounts,
    audit,
    bureau,
    dashboard,
    department,
    findings,
    goals,
    help,
    indicators,
    projects,
    report,
    upload,
    workflow,
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("", accounts.home, name="home"),
    path("years/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("years/<int:pk>/projects/", projects.project_list, name="project_list"),
    path("years/<int:pk>/department/", department.department_overall, name="department_overall"),
    path("years/<int:pk>/findings/", findings.finding_list, name="finding_list"),
    path("years/<int:pk>/report/", report.report_page, name="report"),
    path("years/<int:pk>/report/preview/", report.report_preview, name="report_preview"),
    path("years/<int:pk>/report/<str:kind>/", report.report_download, name="report_download"),
    path("years/<int:pk>/export.xlsx", upload.export_workbook, name="export_workbook"),
    path("years/<int:pk>/transition/", workflow.year_transition, name="year_transition"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/transition/", workflow.project_transition, name="project_transition"),
    path("indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/evidence/", indicators.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", indicators.evidence_download, name="evidence_download"),
    path("indicators/<int:pk>/history/", indicators.indicator_history, name="indicator_history"),
    path("years/<int:pk>/goals/", goals.goal_overview, name="goal_overview"),
    path("years/<int:pk>/goals/move/", goals.goal_move, name="goal_move"),
    path("years/<int:pk>/goals/copy/", goals.goal_copy, name="goal_copy"),
    path("years/<int:pk>/goals/department/", goals.department_goals, name="department_goals"),
    path(
        "years/<int:pk>/goals/department/goal/",
        goals.department_goal_edit,
        name="department_goal_edit",
    ),
    path("years/<int:pk>/goals/indicators/", goals.goal_indicator_add, name="goal_indicator_add"),
    path("goals/projects/<int:pk>/", goals.project_goals, name="project_goals"),
    path(
        "goals/projects/<int:pk>/suggestions/", goals.project_suggestions, name="goal_suggestions"
    ),
    path(
        "years/<int:pk>/goals/suggestions/",
        goals.department_suggestions,
        name="department_goal_suggestions",
    ),
    path("goals/projects/<int:pk>/goal/", goals.project_goal_edit, name="project_goal_edit"),
    path("goals/indicators/<int:pk>/", goals.goal_indicator_edit, name="goal_indicator_edit"),
    path(
        "goals/indicators/<int:pk>/remove/",
        goals.goal_indicator_remove,
        name="goal_indicator_remove",
    ),
    path(
        "goals/indicators/<int:pk>/adjust/",
        goals.adjustment_request,
        name="goal_adjustment_request",
    ),
    path(
        "goals/adjustments/<int:pk>/decide/", goals.adjustment_decide, name="goal_adjustment_decide"
    ),
    path("upload/", upload.upload_workbook, name="upload"),
    path("upload/<str:token>/confirm/", upload.confirm_upload, name="upload_confirm"),
    path("upload/<str:token>/commit/", upload.commit_upload, name="upload_commit"),
    path("bureau/", bureau.side_by_side, name="bureau"),
    path("audit/", audit.audit_report, name="audit_report"),
    path("help/", help.help_page, name="help"),
]
