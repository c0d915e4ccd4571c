"""External selects: the employee search of the start modal (my caseload only), and choosing from it."""

from __future__ import annotations

from typing import Any

from flask import Flask
from slack_bolt import App

from casework.calendar import local_day
from casework.errors import Invalid
from casework.i18n import N_
from casework.registration import ensure_can_see
from casework.search import search_clients
from models import Employee, db

from ...blocks import employee_label, escape, option
from ...context import NotLinked, interaction, message
from ...modals import notice
from ...modals.start import start_modal
from ...replies import DOSSIER_MODALS, dossier_modal


def register(app: App, flask_app: Flask) -> None:
    """Options for "employee", and the modal update once one is chosen (start or a dossier modal)."""

    @app.options("employee")
    def employees(ack: Any, body: dict[str, Any]) -> None:
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, _now):
                found = search_clients(body.get("value", ""), viewer=user)
                options = [option(employee_label(e), e.id) for e in found.employees[:100]]
        except (NotLinked, Invalid):
            options = []
        ack(options=options)

    @app.action("employee")
    def chosen(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        view = body["view"]
        selected = (body["actions"][0].get("selected_option") or {}).get("value")
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                employee = db.session.get(Employee, int(selected)) if selected else None
                if employee is None:
                    return
                ensure_can_see(employee, user)
                callback = view.get("callback_id")
                if callback in {c for c, _a, _t, _e in DOSSIER_MODALS.values()}:
                    new = dossier_modal(callback, employee, local_day(now))
                else:
                    new = start_modal(employee, local_day(now))
        except NotLinked:
            return
        except Invalid as error:  # e.g. herstel for someone without an open sick report
            new = notice(view.get("title", {}).get("text", N_("Traject")), escape(message(error)))
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=new)
