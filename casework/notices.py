"""A trigger's notify action: a signal for the trajectory and one outbox row per recipient."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import (
    Notification,
    NotifyTarget,
    Role,
    Signal,
    SignalKind,
    SignalStatus,
    Trajectory,
    TriggerAction,
    User,
    db,
)

from .logbook import Actor, log


def notify(
    trajectory: Trajectory, action: TriggerAction, *, actor: Actor, now: dt.datetime, on: dt.date
) -> Signal:
    """Raise (once a day per action and trajectory) a notice and queue it for its recipients."""
    subject_type = f"trigger_action:{action.id}"
    signal = db.session.scalar(
        sa.select(Signal).where(
            Signal.kind == SignalKind.TRIGGER_NOTICE,
            Signal.subject_type == subject_type,
            Signal.subject_id == trajectory.id,
            Signal.due_date == on,
            Signal.status == SignalStatus.OPEN,
        )
    )
    if signal is not None:
        return signal
    signal = Signal(
        kind=SignalKind.TRIGGER_NOTICE,
        subject_type=subject_type,
        subject_id=trajectory.id,
        due_date=on,
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        detail=action.text,
        raised_at=now,
    )
    db.session.add(signal)
    if action.notify_target == NotifyTarget.CASE_MANAGER:
        recipients = [trajectory.case_manager] if trajectory.case_manager else []
    else:
        recipients = list(
            db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.active.is_(True)))
        )
    db.session.flush()
    for user in recipients:
        db.session.add(
            Notification(
                signal=signal,
                recipient=user,
                text=f"{action.text} ({trajectory.employee.full_name}, {trajectory.template.name})",
                created_at=now,
                next_attempt_at=now,
                payload={"trajectory_id": trajectory.id},
            )
        )
    db.session.flush()
    log(
        actor,
        now,
        "notice.raised",
        f"Bericht: {action.text}",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=signal,
    )
    return signal
