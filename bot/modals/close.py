"""The close modal: Beëindigingsreden."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from casework.i18n import N_, translate
from models import EndReason, Trajectory, db

from ..blocks import employee_md, escape, section
from . import modal, select

CALLBACK = "close"


def close_modal(trajectory: Trajectory) -> dict[str, Any]:
    """The modal closing a trajectory with an end reason."""
    reasons = db.session.scalars(sa.select(EndReason).where(EndReason.active).order_by(EndReason.name))
    blocks = [
        section(f"*{escape(translate(trajectory.template.name))}*\n{employee_md(trajectory.employee)}"),
        select("end_reason", N_("Beëindigingsreden"), [(r.name, r.id) for r in reasons]),
    ]
    return modal(CALLBACK, N_("Traject sluiten"), blocks, str(trajectory.id), submit=N_("Sluiten"))
