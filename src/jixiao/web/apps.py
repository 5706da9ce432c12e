from django.apps import AppConfig


class JixiaoWebConfig(AppConfig):
    name = "jixiao.web"
    label = "jixiao"
    verbose_name = "预算绩效管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jixiao.web import signals  # noqa: F401  (connects the receivers)
