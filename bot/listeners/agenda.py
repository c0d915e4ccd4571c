"""The agenda's buttons: a consult held ("Gevoerd"), a no-show ("Niet verschenen") or its invitation letter."""

from __future__ import annotations

from typing import Any

from flask import Flask
from slack_bolt import App

from casework.consult_letters import make_invitation
from casework.consults import report_consult, status_label
from casework.errors import Invalid
from casework.i18n import M_
from casework.i18n import gettext as _
from models import Consult, db

from ..agenda import ACTION_HELD, ACTION_INVITE, ACTION_NO_SHOW
from ..blocks import employee_md, escape
from ..context import NotLinked, interaction, message, refusal
from ..links import base_url, dossier_url


def register(app: App, flask_app: Flask) -> None:
    """The held / no-show buttons."""

    def report(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        action = body["actions"][0]
        outcome = "afgehandeld" if action["action_id"] == ACTION_HELD else "niet_verschenen"
        try:
            with interaction(flask_app, body["user"]["id"]) as (_user, actor, now):
                value = str(action.get("value", ""))
                consult = db.session.get(Consult, int(value)) if value.isdigit() else None
                if consult is None:
                    raise Invalid({"_": M_("Dit gesprek bestaat niet meer.")})
                report_consult(consult, {"outcome": outcome}, actor=actor, now=now)
                text = _(
                    "Gesprek met %(employee)s: %(status)s.",
                    employee=employee_md(consult.employee),
                    status=status_label(consult.status),
                )
                if consult.no_show_count == 1 and outcome == "niet_verschenen":
                    text += " " + _("Het staat weer in de planbak.")
                elif consult.no_show_count == 2 and outcome == "niet_verschenen":
                    text += " " + _("Tweede keer niet verschenen: het wordt niet opnieuw gepland.")
        except NotLinked:
            text = refusal()
        except Invalid as error:
            text = message(error)
        client.chat_postMessage(channel=body["user"]["id"], text=text)

    def invite(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        action = body["actions"][0]
        try:
            with interaction(flask_app, body["user"]["id"]) as (_user, actor, now):
                value = str(action.get("value", ""))
                consult = db.session.get(Consult, int(value)) if value.isdigit() else None
                if consult is None:
                    raise Invalid({"_": M_("Dit gesprek bestaat niet meer.")})
                document = make_invitation(consult, actor=actor, now=now)
                link = dossier_url(base_url(flask_app.config), consult.employee_id)
                text = _(
                    "Uitnodiging gemaakt: %(title)s. Ze staat bij de documenten van <%(link)s#documents|het dossier>.",
                    title=escape(document.title),
                    link=link,
                )
        except NotLinked:
            text = refusal()
        except Invalid as error:
            text = message(error)
        client.chat_postMessage(channel=body["user"]["id"], text=text)

    app.action(ACTION_HELD)(report)
    app.action(ACTION_NO_SHOW)(report)
    app.action(ACTION_INVITE)(invite)
