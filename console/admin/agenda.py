"""Agenda in the console: a user's week and day, the planning tray and the "af te melden" tray (seed 004).

Server-rendered, no script (the CSP holds): every change is a small POST form that calls one engine function
(casework.agenda, casework.consults), commits, and comes back with a message. A case manager sees and changes
their own agenda and caseload; an administrator chooses whose agenda to show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from bot.links import base_url
from casework import consults as engine
from casework.agenda import add_availability, add_unavailability, agenda_period, free_slots, remove_pattern
from casework.agenda_patterns import WEEKDAY_WORDS, monday, to_local, weekday_words
from casework.calendar import local_day
from casework.calendar_feed import has_feed, new_feed_token, revoke_feed
from casework.consult_letters import make_invitation
from casework.consult_report import consult_report, parse_month
from casework.costbenefit import format_euro
from casework.errors import Invalid
from models import (
    Availability,
    Consult,
    ConsultType,
    Employee,
    Location,
    Role,
    Unavailability,
    UnavailabilityKind,
    User,
    db,
    utcnow,
)

from ..auth import actor
from .base import Secured, flash_refusal
from .catalog import LABELS, LISTS, ListView, positive

AGENDA = "Agenda"
FIELDS = {
    "user_id": _l("Gebruiker"),
    "location_id": _l("Locatie"),
    "kind_id": _l("Soort"),
    "recurrence": _l("Terugkeerpatroon"),
    "frequency": _l("Frequentie"),
    "date_from": _l("Vanaf"),
    "date_until": _l("T/m"),
    "start_time": _l("Begintijd"),
    "end_time": _l("Eindtijd"),
    "weekdays": _l("Iedere"),
    "remark": _l("Opmerking"),
    "consult_type_id": _l("Spreekuursoort"),
    "employee_id": _l("Werknemer"),
    "period_from": _l("Periode vanaf"),
    "period_until": _l("Periode t/m"),
    "starts_at": _l("Tijdstip"),
    "replan": _l("Herplannen"),
    "parked_until": _l("Geparkeerd tot"),
    "outcome": _l("Afmelden"),
    "text": _l("Verslag"),
    "document": _l("Verslag als document"),
    "invitation_template_id": _l("Sjabloon uitnodiging"),
    "report_template_id": _l("Sjabloon verslag"),
    "status": _l("Status"),
    "employee": _l("Werknemer"),
    "month": _l("Maand"),
    "_": _l("Invoer"),
}
PATTERN_FIELDS = ("recurrence", "frequency", "date_from", "date_until", "start_time", "end_time", "remark")


class ConsultTypeView(ListView):
    """Spreekuursoorten: duration, price and the service variations that allow them (seed 001)."""

    column_list = ("name", "duration_minutes", "price", "variations", "active", "position")
    form_columns = (
        "name",
        "description",
        "duration_minutes",
        "price",
        "variations",
        "invitation_template",
        "report_template",
        "active",
        "position",
    )
    column_labels = {
        **LABELS,
        "duration_minutes": _l("Duur (minuten)"),
        "price": _l("Prijs"),
        "variations": _l("Toegestaan bij variaties"),
        "invitation_template": _l("Sjabloon uitnodiging"),
        "report_template": _l("Sjabloon verslag"),
    }
    column_descriptions = {
        "price": _l("De lijstprijs; een contractmodel kan een eigen prijs geven."),
        "invitation_template": _l("Leeg: het documentsjabloon 'Uitnodiging gesprek'."),
        "report_template": _l("Leeg: het documentsjabloon 'Verslag gesprek'."),
    }
    form_args = {
        "duration_minutes": {"validators": [positive(_l("Duur (minuten)"), 5)]},
        "price": {"validators": [positive(_l("Prijs"))]},
    }

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        if ok and hasattr(form, "duration_minutes") and (form.duration_minutes.data or 0) > 480:
            form.duration_minutes.errors = [
                *form.duration_minutes.errors,
                _("Duur (minuten): hoogstens 480."),
            ]
            return False
        return ok


def _refused(error: Invalid) -> None:
    flash_refusal(error, FIELDS)


def int_arg(name: str) -> int | None:
    """A positive id from the query string or form, else None."""
    text = request.values.get(name, "")
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


class WhoseAgenda:
    """The user whose agenda a page shows: oneself, or (for an administrator) the one chosen by `?user=`."""

    def _user(self) -> User:
        me = current_user.user
        wanted = int_arg("user")
        if wanted is None or wanted == me.id:
            return me
        if me.role != Role.ADMIN:
            abort(403)
        user = db.session.get(User, wanted)
        if user is None:
            abort(404)
        return user


class AgendaView(WhoseAgenda, Secured, BaseView):
    """Agenda: week and day per user, with availability and unavailability forms."""

    roles = ("admin", "casemanager")

    def _day(self, name: str) -> dt.date:
        try:
            return dt.date.fromisoformat(request.values.get(name, ""))
        except ValueError:
            return local_day(utcnow())

    @expose("/")
    def index(self) -> Any:
        """The week (or with `day`, one day) of a user's agenda."""
        return self._render()

    @expose("/month")
    def month(self) -> Any:
        """A month of a user's agenda: per day whether there is availability and how many consults."""
        user = self._user()
        try:
            first = parse_month(request.args.get("month"), local_day(utcnow()))
        except Invalid as error:
            _refused(error)
            first = local_day(utcnow()).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        period = agenda_period(user, first, last)
        available = {to_local(i.start).date() for i in period.available}
        counts: dict[dt.date, int] = {}
        for consult in period.consults:
            day = to_local(consult.starts_at).date()
            counts[day] = counts.get(day, 0) + 1
        task_counts: dict[dt.date, int] = {}
        for task in period.tasks:
            day = to_local(task.starts_at).date()
            task_counts[day] = task_counts.get(day, 0) + 1
        weeks, day = [], monday(first)
        while day <= last:
            weeks.append([day + dt.timedelta(days=n) for n in range(7)])
            day += dt.timedelta(days=7)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        return self.render(
            "console/agenda_month.html",
            user=user,
            first=first,
            weeks=weeks,
            available=available,
            counts=counts,
            task_counts=task_counts,
            previous=previous,
            following=last + dt.timedelta(days=1),
        )

    @expose("/team")
    def team(self) -> Any:
        """The week of every active user's agenda (administrators): consults and available hours per day."""
        if current_user.user.role != Role.ADMIN:
            abort(403)
        first = monday(self._day("week"))
        days = [first + dt.timedelta(days=n) for n in range(7)]
        rows = []
        users = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)).all()
        for user in users:
            period = agenda_period(user, days[0], days[-1])
            hours = {d: 0.0 for d in days}
            for interval in period.available:
                day = to_local(interval.start).date()
                if day in hours:
                    hours[day] += (interval.end - interval.start).total_seconds() / 3600
            consults = {d: [c for c in period.consults if to_local(c.starts_at).date() == d] for d in days}
            tasks = {d: [t for t in period.tasks if to_local(t.starts_at).date() == d] for d in days}
            rows.append({"user": user, "hours": hours, "consults": consults, "tasks": tasks})
        return self.render(
            "console/agenda_team.html",
            days=days,
            rows=rows,
            first=first,
            previous=first - dt.timedelta(days=7),
            following=first + dt.timedelta(days=7),
            to_local=to_local,
        )

    @expose("/feed", methods=["POST"])
    def feed(self) -> Any:
        """A new private iCalendar link for oneself (shown once), or revoke it."""
        me = current_user.user
        if request.form.get("revoke") == "1":
            revoke_feed(me, actor=actor(), now=utcnow())
            db.session.commit()
            flash(_("De agenda-abonnementslink is ingetrokken."), "success")
            return redirect(url_for(".index"))
        secret = new_feed_token(me, actor=actor(), now=utcnow())
        db.session.commit()
        return self._render(feed_url=f"{base_url(current_app.config)}/calendar/{secret}.ics")

    def _render(self, feed_url: str | None = None) -> Any:
        user = self._user()
        single = "day" in request.args
        first = self._day("day") if single else monday(self._day("week"))
        last = first if single else first + dt.timedelta(days=6)
        period = agenda_period(user, first, last)
        days = []
        for n in range((last - first).days + 1):
            day = first + dt.timedelta(days=n)
            entries = [
                (to_local(i.start), to_local(i.end), "available", i.source.location.name)
                for i in period.available
                if to_local(i.start).date() <= day <= to_local(i.end).date()
            ]
            entries += [
                (to_local(i.start), to_local(i.end), "unavailable", i.source.kind.name)
                for i in period.unavailable
                if to_local(i.start).date() <= day <= to_local(i.end).date()
            ]
            consults = [c for c in period.consults if to_local(c.starts_at).date() == day]
            tasks = [t for t in period.tasks if to_local(t.starts_at).date() == day]
            days.append(
                {
                    "day": day,
                    "entries": sorted(entries, key=lambda e: e[0]),
                    "consults": consults,
                    "tasks": tasks,
                }
            )
        users = (
            list(db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)))
            if current_user.user.role == Role.ADMIN
            else [user]
        )
        return self.render(
            "console/agenda.html",
            user=user,
            users=users,
            days=days,
            single=single,
            first=first,
            previous=first - dt.timedelta(days=1 if single else 7),
            following=first + dt.timedelta(days=1 if single else 7),
            locations=_active(Location),
            kinds=_active(UnavailabilityKind),
            availabilities=_patterns(Availability, user),
            unavailabilities=_patterns(Unavailability, user),
            weekday_words=WEEKDAY_WORDS,
            describe=weekday_words,
            engine=engine,
            to_local=to_local,
            feed_url=feed_url,
            has_feed=has_feed(current_user.user),
            euro=format_euro,
        )

    def _pattern(self) -> dict[str, Any]:
        data = {k: request.form.get(k, "") for k in PATTERN_FIELDS}
        data["weekdays"] = request.form.getlist("weekdays")
        data["user_id"] = request.form.get("user_id", "")
        return data

    def _back(self) -> Any:
        return redirect(
            url_for(".index", user=request.form.get("user_id") or None, week=request.form.get("week"))
        )

    @expose("/availability", methods=["POST"])
    def availability(self) -> Any:
        """Add availability, through the engine."""
        try:
            add_availability(
                {**self._pattern(), "location_id": request.form.get("location_id", "")},
                actor=actor(),
                now=utcnow(),
            )
        except Invalid as error:
            _refused(error)
            return self._back()
        db.session.commit()
        flash(_("Beschikbaarheid toegevoegd."), "success")
        return self._back()

    @expose("/unavailability", methods=["POST"])
    def unavailability(self) -> Any:
        """Add unavailability, through the engine."""
        try:
            add_unavailability(
                {**self._pattern(), "kind_id": request.form.get("kind_id", "")}, actor=actor(), now=utcnow()
            )
        except Invalid as error:
            _refused(error)
            return self._back()
        db.session.commit()
        flash(_("Onbeschikbaarheid toegevoegd."), "success")
        return self._back()

    @expose("/<kind>/<int:item_id>/remove", methods=["POST"])
    def remove(self, kind: str, item_id: int) -> Any:
        """Remove an availability or unavailability."""
        model = {"availability": Availability, "unavailability": Unavailability}.get(kind)
        item = db.session.get(model, item_id) if model else None
        if item is None:
            abort(404)
        try:
            remove_pattern(item, actor=actor(), now=utcnow())
        except Invalid as error:
            _refused(error)
            return self._back()
        db.session.commit()
        flash(_("Verwijderd."), "success")
        return self._back()


def _active(model: type) -> list[Any]:
    return list(
        db.session.scalars(
            sa.select(model).where(model.active.is_(True)).order_by(model.position, model.name)
        )
    )


def _patterns(model: type, user: User) -> list[Any]:
    today = local_day(utcnow())
    return list(
        db.session.scalars(
            sa.select(model)
            .where(model.user_id == user.id, model.date_until >= today)
            .order_by(model.date_from)
        )
    )


class TrayView(Secured, BaseView):
    """Planbak and werkbak af te melden: consults to plan (with proposed free slots) and to report."""

    roles = ("admin", "casemanager")

    @expose("/")
    def index(self) -> Any:
        """The planning tray with each consult's first free slots in one's own agenda."""
        me = current_user.user
        now = utcnow()
        today = local_day(now)
        tray = engine.planning_tray(me, today)
        slots = {}
        for consult in tray[:25]:  # proposals for the first 25: each is an agenda expansion
            first = max(today, consult.period_from or today)
            last = consult.period_until or first + dt.timedelta(days=13)
            slots[consult.id] = (
                free_slots(me, first, last, consult.consult_type.duration_minutes, now=now, limit=6)
                if last >= first
                else []
            )
        employees = db.session.scalars(
            sa.select(Employee)
            .where(sa.true() if me.role == Role.ADMIN else Employee.case_manager_id == me.id)
            .order_by(Employee.last_name, Employee.first_name)
            .limit(500)
        )
        return self.render(
            "console/agenda_trays.html",
            tray=tray,
            slots=slots,
            assess=engine.assessment_tray(me),
            to_report=engine.report_tray(me, now),
            employees=list(employees),
            consult_types=_active(ConsultType),
            engine=engine,
            to_local=to_local,
        )

    @expose("/new", methods=["POST"])
    def new(self) -> Any:
        """A new consult for an employee of one's caseload."""
        employee = db.session.get(Employee, int_arg("employee_id") or 0)
        if employee is None:
            flash(
                _("%(field)s: %(message)s", field=_("Werknemer"), message=_("Kies een werknemer.")), "error"
            )
            return redirect(url_for(".index"))
        data = {
            k: request.form.get(k, "")
            for k in ("consult_type_id", "status", "period_from", "period_until", "remark")
        }
        return self._run(
            lambda: engine.create_consult(employee, data, actor=actor(), now=utcnow()),
            _("Gesprek aangemaakt."),
        )

    @expose("/<int:consult_id>/<step>", methods=["POST"])
    def step(self, consult_id: int, step: str) -> Any:
        """One status step of a consult, through the engine."""
        consult = db.session.get(Consult, consult_id)
        if consult is None:
            abort(404)
        form = {k: v for k, v in request.form.items() if k != "csrf_token"}
        now = utcnow()
        steps = {
            "accept": lambda: engine.assess(consult, True, form, actor=actor(), now=now),
            "reject": lambda: engine.assess(consult, False, form, actor=actor(), now=now),
            "plan": lambda: engine.plan_consult(consult, form, actor=actor(), now=now),
            "replan": lambda: engine.replan_consult(consult, form, actor=actor(), now=now),
            "park": lambda: engine.park_consult(consult, form, actor=actor(), now=now),
            "report": lambda: engine.report_consult(consult, form, actor=actor(), now=now),
            "end": lambda: engine.end_consult(consult, form, actor=actor(), now=now),
        }
        if step == "invitation":
            try:
                make_invitation(consult, actor=actor(), now=now)
            except Invalid as error:
                _refused(error)
                week = to_local(consult.starts_at).date().isoformat() if consult.starts_at else None
                return redirect(url_for("agenda.index", user=consult.user_id, week=week))
            db.session.commit()
            flash(_("Uitnodiging gemaakt; ze staat bij de documenten van het dossier."), "success")
            return redirect(url_for("dossiers.dossier", employee_id=consult.employee_id, _anchor="documents"))
        if step not in steps:
            abort(404)
        return self._run(steps[step], _("Gesprek bijgewerkt."))

    def _run(self, change: Any, done: str) -> Any:
        try:
            change()
        except Invalid as error:
            _refused(error)
            return redirect(url_for(".index"))
        db.session.commit()
        flash(done, "success")
        return redirect(url_for(".index"))


class ConsultReportView(Secured, BaseView):
    """Productrapportage gesprekken: per month, per consult type and user."""

    roles = ("admin", "casemanager")

    @expose("/")
    def index(self) -> Any:
        """The month chosen (default this month); a case manager sees their own figures."""
        today = local_day(utcnow())
        try:
            month = parse_month(request.args.get("month"), today)
        except Invalid as error:
            _refused(error)
            month = today.replace(day=1)
        rows = consult_report(month, current_user.user)
        totals = [sum(getattr(r, f) for r in rows) for f in ("planned", "held", "cancelled", "no_show")]
        return self.render(
            "console/consult_report.html",
            month=month,
            rows=rows,
            totals=totals,
            total_amount=sum((r.amount for r in rows), Decimal("0.00")),
            euro=format_euro,
        )


def add_views(admin: Admin, session: Any) -> None:
    """Agenda and trays (case managers and administrators); the agenda's lists under Configuratie."""
    from .agenda_tasks import TodoView

    admin.add_view(AgendaView(name=_l("Mijn agenda"), endpoint="agenda", category=AGENDA))
    admin.add_view(TodoView(name=_l("Takenlijst"), endpoint="todo", category=AGENDA))
    admin.add_view(TrayView(name=_l("Planbak en afmelden"), endpoint="agenda_trays", category=AGENDA))
    admin.add_view(
        ConsultReportView(name=_l("Productrapportage gesprekken"), endpoint="consult_report", category=AGENDA)
    )
    admin.add_view(ListView(Location, session, name="Locaties", endpoint="locations", category=LISTS))
    admin.add_view(
        ListView(
            UnavailabilityKind,
            session,
            name="Soorten onbeschikbaarheid",
            endpoint="unavailability_kinds",
            category=LISTS,
        )
    )
    admin.add_view(
        ConsultTypeView(
            ConsultType, session, name="Spreekuursoorten", endpoint="consult_types", category=LISTS
        )
    )
