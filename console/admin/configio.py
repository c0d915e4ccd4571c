"""Configuration export/import in the console: download the JSON, upload it with or without a dry run."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _

from casework.configio import ROOT, dump_json, export_configuration, import_configuration, parse_json
from casework.errors import Invalid
from models import db, utcnow

from ..auth import actor
from ..limits import MAX_CONFIG_FILE as MAX_UPLOAD  # bytes; a configuration with logos stays far below this
from .base import Secured


class ConfigIOView(Secured, BaseView):
    """Export (download) and import (upload, dry run first if wished) of the whole configuration."""

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        errors: dict[str, str] = {}
        report = None
        filename = ""
        dry_run = True
        if request.method == "POST":
            upload = request.files.get("file")
            dry_run = bool(request.form.get("dry_run"))
            filename = (upload.filename or "") if upload else ""
            try:
                raw = upload.read(MAX_UPLOAD + 1) if upload and upload.filename else b""
                if not raw:
                    raise Invalid({"file": _("Kies een configuratiebestand (JSON).")})
                if len(raw) > MAX_UPLOAD:
                    raise Invalid({"file": _("Het bestand is groter dan 10 MB.")})
                report = import_configuration(parse_json(raw), actor=actor(), now=utcnow(), dry_run=dry_run)
            except Invalid as error:  # refused: the engine has undone its own work, nothing changed
                errors = error.errors
            else:
                if not dry_run:  # a dry run has undone its own work; the request's end discards the rest
                    db.session.commit()
        return self.render(
            "console/configio.html",
            errors=errors,
            report=report,
            filename=filename,
            dry_run=dry_run,
            root=ROOT,
        )

    @expose("/export")
    def export(self) -> Response:
        text = dump_json(export_configuration())
        name = f"traject-configuratie-{utcnow():%Y-%m-%d}.json"
        return Response(
            text,
            mimetype="application/json",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )


def add_views(admin: Admin) -> None:
    """The export/import page under "Beheer"."""
    admin.add_view(ConfigIOView(name="Configuratie export/import", endpoint="configio", category="Beheer"))
