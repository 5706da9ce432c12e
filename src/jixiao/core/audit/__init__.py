"""Audit of a self-evaluation report as a person wrote it (``jixiao audit``).

Pure: a :class:`Document` in, :class:`AuditFinding` values out; reading files is the
io layer's job.
"""

from jixiao.core.audit.document import Document, document_from_text
from jixiao.core.audit.finding import AuditFinding
from jixiao.core.audit.registry import CHECKS, audit_document

__all__ = ["CHECKS", "AuditFinding", "Document", "audit_document", "document_from_text"]
