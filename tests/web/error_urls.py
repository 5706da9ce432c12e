"""The site's routes plus three that fail on purpose, for the error-page tests.

Each failure carries an internal detail (a server path) that must never reach the page.
"""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import urlpatterns as site_urlpatterns

INTERNAL_DETAIL = "/srv/jixiao/var/secret_key"


def crashes(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"无法打开 {INTERNAL_DETAIL}")


def refuses(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(f"rule checked in {INTERNAL_DETAIL}")


def suspects(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(f"odd request near {INTERNAL_DETAIL}")


urlpatterns = [
    *site_urlpatterns,
    path("failing/crash/", crashes),
    path("failing/forbidden/", refuses),
    path("failing/bad-request/", suspects),
]
