"""The start page: which Traject this is and which database it uses."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template_string
from sqlalchemy.engine import make_url

bp = Blueprint("home", __name__)

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Traject</title></head>
<body style="font-family: sans-serif; margin: 3rem;">
<h1>Traject</h1>
<p>Verzuim- en re-integratiebegeleiding</p>
<dl>
<dt>Versie</dt><dd id="version">{{ version }}</dd>
<dt>Database</dt><dd id="database">{{ database }}</dd>
</dl>
</body></html>"""


def database_description() -> str:
    """The database in use, without its password."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    return url.render_as_string(hide_password=True)


@bp.get("/")
def index() -> str:
    """Product name, version and database in use."""
    from . import traject_version

    return render_template_string(PAGE, version=traject_version(), database=database_description())
