"""Over Traject: the version and the database in use, for administrators only (not on the sign-in page)."""

from __future__ import annotations

from typing import Any

from flask_admin import Admin, BaseView, expose

from .. import traject_version
from ..home import database_description
from .base import Secured


class AboutView(Secured, BaseView):
    """Which Traject this is and which database it uses (the password hidden)."""

    @expose("/")
    def index(self) -> Any:
        return self.render("console/about.html", version=traject_version(), database=database_description())


def add_views(admin: Admin) -> None:
    """The "Over Traject" page under "Beheer"."""
    admin.add_view(AboutView(name="Over Traject", endpoint="about", category="Beheer"))
