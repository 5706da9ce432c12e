"""Login, logout and the landing page that sends each role where its work is."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.models import Role
from jixiao.web.roles import role_of
from jixiao.web.selectors.scoping import department_years_for
from jixiao.web.selectors.todo import todo_for


class LoginView(auth_views.LoginView):
    template_name = "jixiao/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every role lands on its to-do list, then the department-years it may open (the
    bureau opens its district through the side-by-side view instead)."""
    years = [] if role_of(request.user) == Role.BUREAU else list(department_years_for(request.user))
    return render(request, "jixiao/home.html", {"todo": todo_for(request.user), "years": years})
