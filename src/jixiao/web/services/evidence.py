"""Attaching evidence files (佐证材料) to an indicator's actual value.

The file is checked by its content, stored under its digest, and recorded with a
history row on the indicator naming the user and the file, in one transaction.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from jixiao.web import models
from jixiao.web.roles import can_edit_department, can_edit_project
from jixiao.web.services.errors import NotAllowed
from jixiao.web.services.revision import touch
from jixiao.web.uploads import EVIDENCE_KINDS, check_upload

MAX_NAME = 255


def file_digest(upload: UploadedFile) -> str:
    """The SHA-256 of an upload, read in chunks; the file is left at its start."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def do_attach_evidence(
    *, acting_user: User, indicator_id: int, upload: UploadedFile
) -> models.Evidence:
    """Store ``upload`` as evidence of an indicator the user may edit; history says who and what."""
    indicator = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the project join.
        models.Indicator.objects.select_for_update(of=("self",))
        .select_related("project__department_year", "department_year")
        .get(pk=indicator_id)
    )
    if indicator.project_id is not None:
        allowed = can_edit_project(acting_user, indicator.project)
    else:
        allowed = can_edit_department(acting_user, indicator.department_year)
    if not allowed:
        raise NotAllowed("当前状态或您的角色不允许为该指标上传佐证材料。")
    kind = check_upload(upload, EVIDENCE_KINDS)
    name = PurePath(upload.name or "").name[-MAX_NAME:] or f"佐证材料.{kind}"
    digest = file_digest(upload)
    evidence = models.Evidence(
        indicator=indicator,
        original_name=name,
        size=upload.size,
        sha256=digest,
        uploaded_by=acting_user,
    )
    evidence.file.save(f"{digest[:32]}.{kind}", upload, save=False)
    evidence.save()
    indicator._history_user = acting_user
    indicator._change_reason = f"上传佐证材料：{name}"
    indicator.save()
    touch([indicator.department_year_id])
    return evidence
