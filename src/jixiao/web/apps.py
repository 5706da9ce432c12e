from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig


class JixiaoWebConfig(AppConfig):
    name = "jixiao.web"
    label = "jixiao"
    verbose_name = "预算绩效管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web import signals  # noqa: F401  (connects the receivers)


class LoginThrottlingConfig(AxesConfig):
    """django-axes as installed, with the Chinese name its admin section shows and
    Chinese names for its records (its own are English sentences)."""

    verbose_name = "登录限制"

    def ready(self) -> None:
        super().ready()
        from axes import models as axes_models

        axes_models.AccessAttempt.__str__ = _attempt_name
        axes_models.AccessFailureLog.__str__ = _failure_name
        axes_models.AccessLog.__str__ = _log_name


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "—"


def _attempt_name(attempt) -> str:
    return f"{attempt.username} 的登录尝试（{_when(attempt.attempt_time)}）"


def _failure_name(failure) -> str:
    locked = "，已锁定" if failure.locked_out else ""
    return f"{failure.username} 登录失败（{_when(failure.attempt_time)}{locked}）"


def _log_name(log) -> str:
    return f"{log.username} 的登录记录（{_when(log.attempt_time)}）"
