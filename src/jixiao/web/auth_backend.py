"""Django's model backend, loading each request's user together with its membership.

Every page asks what the user's role is (``roles.membership``); fetching the membership
in the same query as the user saves one database round trip on every request.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User


class MembershipBackend(ModelBackend):
    def get_user(self, user_id: int) -> User | None:
        try:
            user = User._default_manager.select_related("membership").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
