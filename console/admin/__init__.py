"""The console: Flask-Admin (Bootstrap 4, local static files) with login, CSRF, headers and languages."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme

from models import db


def init_console(app: Flask) -> None:
    """Install i18n, login, security and the admin views on `app` (views built here, per app)."""
    from .. import auth, i18n, security, traject_version
    from . import (
        about,
        absence,
        account,
        agenda,
        catalog,
        configio,
        dossier_actions,
        dossiers,
        employers,
        holidays,
        reports,
        users,
    )
    from .base import DashboardView
    from .menu import translate_menu

    app.jinja_env.globals.update(traject_version=traject_version)
    i18n.init_i18n(app)
    auth.init_auth(app)
    admin = Admin(
        app,
        name="Traject",
        theme=Bootstrap4Theme(base_template="console/admin_base.html", fluid=True),
        index_view=DashboardView(name="Overzicht", url="/admin"),
        csp_nonce_generator=security.csp_nonce,
    )
    # The menu in the order of a working day: case work first, then configuration, then administration.
    dossiers.add_views(admin, db)
    dossier_actions.add_views(admin)
    agenda.add_views(admin, db)
    employers.add_views(admin, db)
    reports.add_views(admin, db)
    absence.add_views(admin)
    catalog.add_views(admin, db)
    users.add_views(admin, db)
    configio.add_views(admin)
    holidays.add_views(admin)
    about.add_views(admin)
    account.add_views(admin)
    translate_menu(admin)
    security.init_security(app)
