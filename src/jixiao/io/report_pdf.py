"""The Word report as PDF, converted by LibreOffice (``soffice --headless``) where installed.

Each conversion runs in a private temporary folder with its own HOME and LibreOffice
profile, so conversions at the same time never share (and lock) one profile. The
fontconfig file beside this module renders the official faces with Noto CJK SC where
they are not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTCONFIG = Path(__file__).with_name("fonts") / "fontconfig.conf"
TIMEOUT_SECONDS = 120


class PdfUnavailable(Exception):
    """No PDF could be made (message in Chinese)."""


def pdf_available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx given as bytes."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfUnavailable("本机未安装 LibreOffice，无法生成 PDF；请使用 Word 版本。")
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(docx)
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(work), str(source),
        ]  # fmt: skip
        environment = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(FONTCONFIG)}
        try:
            subprocess.run(command, env=environment, cwd=work, capture_output=True,
                           timeout=TIMEOUT_SECONDS, check=False)  # fmt: skip
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable("PDF 转换超时，请稍后重试或使用 Word 版本。") from error
        target = work / "report.pdf"
        if not target.exists():
            raise PdfUnavailable("PDF 转换失败，请使用 Word 版本。")
        return target.read_bytes()
