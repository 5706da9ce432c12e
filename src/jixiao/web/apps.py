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
    """django-axes as installed, with the Chinese name its admin section shows."""

    verbose_name = "登录限制"
