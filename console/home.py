"""The start page: the sign-in page (no version or database for anonymous visitors); signed in, the dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, redirect, url_for
from flask_login import current_user
from sqlalchemy.engine import make_url

bp = Blueprint("home", __name__)


def database_description() -> str:
    """The database in use, without its password."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    return url.render_as_string(hide_password=True)


@bp.get("/")
def index() -> Any:
    """Signed in: the dashboard; otherwise the sign-in page."""
    if current_user.is_authenticated:
        return redirect(url_for("admin.index"))
    return current_app.view_functions["auth.login"]()


@bp.get("/favicon.ico")
def favicon() -> Any:
    """The icon browsers ask for on every page (a white T on the console's blue), cached for a day."""
    icon = Path(current_app.static_folder or "", "favicon.ico").read_bytes()  # 166 bytes
    return Response(
        icon, mimetype="image/vnd.microsoft.icon", headers={"Cache-Control": "public, max-age=86400"}
    )
