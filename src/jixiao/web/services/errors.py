"""Errors a service raises for the user: each message is Chinese and says what to do."""

from __future__ import annotations

from jixiao.core.findings import Finding


class ServiceError(Exception):
    """A request the rules refuse (message shown to the user as is)."""


class NotAllowed(ServiceError):
    """The acting user's role or the record's state does not allow this change."""


class EditConflict(ServiceError):
    """Someone else changed the record since it was loaded."""

    def __init__(self, what: str):
        super().__init__(f"{what}已被他人修改，请刷新页面后重新填写（您的修改未保存）。")


class InvalidInput(ServiceError):
    """A value that cannot be accepted, with the field it belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class ImportRejected(ServiceError):
    """A workbook with errors: nothing was changed."""

    def __init__(self, errors: tuple[Finding, ...] | list[Finding]):
        super().__init__(f"工作簿有 {len(errors)} 处错误，未导入任何数据。")
        self.errors = tuple(errors)
