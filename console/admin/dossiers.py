"""Casework read views (menu "Dossiers"): employees and their dossier, within the reader's caseload.

A case manager sees only their own caseload (the list, the dossier and a document; another's → 404). The
dossier is built by casework.dossier.open_dossier, which logs every read. The changes made here are
reassigning the case manager (administrators), through casework.registration.assign_case_manager, and
recording a Poortwachter step as done or undoing that, through casework.poortwachter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload

from casework.agreements import poortwachter_carrier
from casework.bsn import mask_bsn, normalise_bsn
from casework.calendar import local_day
from casework.contacts import add_contact
from casework.dossier import EMPLOYEE_OPTIONS, logbook_page, open_dossier
from casework.errors import Forbidden, Invalid
from casework.logbook import log
from casework.mandate import FINANCIER_NAMES
from casework.poortwachter import record_step_done, set_waiting_time_extension, undo_step_done, waive_step
from casework.registration import (
    assign_case_manager,
    close_sick_report,
    ensure_can_see,
    record_percentage,
    recover,
    register_sick_report,
    update_employee,
    update_sick_report,
)
from casework.search import search_clients
from casework.sick_report_ends import active_end_reasons
from casework.signals import signal_detail
from casework.uploads import active_link
from models import (
    Document,
    Employee,
    PoortwachterCarrier,
    ProductKind,
    Role,
    SickReport,
    Signal,
    SignalKind,
    SignalStatus,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    User,
    db,
    utcnow,
)

from ..auth import actor
from ..limits import RefusedInput
from ..transactions import writes
from .base import Secured, flash_refusal
from .dossier_words import (
    CONTACT_KINDS,
    CONTACT_WITH,
    DEADLINE_STATUS,
    RIV_STATUS,
    RIV_STEPS,
    SIGNAL_KINDS,
    TASK_STATUS,
    WEIGHTS,
    ZW_VANGNET,
)
from .words import DUTCH

PAGE_SIZE = 100
STEP_FIELDS = {
    "step": _l("Stap"),
    "done_on": _l("Afgerond op"),
    "reason": _l("Reden"),
    "employee": _l("Werknemer"),
    "kind": _l("Verlenging"),
    "first_sick_day": _l("Eerste ziektedag"),
    "percentage": _l("Percentage"),
    "target_rtw_date": _l("Verwachte hersteldatum"),
    "from_date": _l("Per datum"),
    "recovery_date": _l("Hersteld per"),
    "closed_on": _l("Gesloten per"),
    "end_reason_id": _l("Beëindigingsreden"),
    "zw_vangnet": _l("ZW-vangnet"),
    "work_related": _l("Arbeidsgerelateerd"),
    "recourse_possible": _l("Verhaal mogelijk"),
    "loonsanctie_until": _l("Loonsanctie tot en met"),
    "extended_until": _l("Verlenging tot en met"),
}
CONTACT_FIELDS = {"kind": _l("Soort"), "with_whom": _l("Met"), "day": _l("Datum"), "text": _l("Tekst")}
WEIGHT_FIELDS = {"client_weight": _l("Cliëntzwaarte"), "client_weight_assessed_on": _l("Beoordeeld op")}
EMPLOYMENT_FIELDS = {
    "employment_start": _l("In dienst sinds"),
    "employment_end": _l("Uit dienst per"),
    "contract_hours": _l("Contracturen per week"),
}
LIST_FILTERS = {
    "open": _l("met een open traject"),
    "overdue": _l("met verlopen taken"),
}


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session loaded, so rendering does not read every row again."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def caseload(viewer: User) -> sa.Select[tuple[Employee]]:
    """The employees `viewer` may see: all for an administrator, their own caseload for a case manager."""
    query = sa.select(Employee)
    if viewer.role is not Role.ADMIN:
        query = query.where(Employee.case_manager_id == viewer.id)
    return query


def _filtered(query: sa.Select[tuple[Employee]], name: str, kind: str, today: dt.date) -> sa.Select:
    """The list narrowed as the dashboard's links ask: open trajectories, overdue tasks, a kind of signal."""
    if name == "open":
        query = query.where(
            sa.exists().where(
                Trajectory.employee_id == Employee.id, Trajectory.status == TrajectoryStatus.OPEN
            )
        )
    elif name == "overdue":
        query = query.where(
            sa.exists().where(
                Trajectory.employee_id == Employee.id,
                Task.trajectory_id == Trajectory.id,
                Task.status == TaskStatus.OPEN,
                Task.due_date < today,
            )
        )
    if kind in {k.value for k in SignalKind}:
        query = query.where(
            sa.exists().where(
                Signal.employee_id == Employee.id, Signal.kind == kind, Signal.status == SignalStatus.OPEN
            )
        )
    return query


def list_query(query: sa.Select[tuple[Employee]], name: str, kind: str, today: dt.date) -> sa.Select:
    """The dossier list, filtered, in the order of the index ix_employees_sort_name, with what each row shows
    (employer, case manager) in the same statement."""
    return (
        _filtered(query, name, kind, today)
        .order_by(sa.func.lower(Employee.last_name), Employee.first_name, Employee.id)
        .options(joinedload(Employee.employer), joinedload(Employee.case_manager))
    )


def _task_order(task: Task, today: dt.date) -> tuple[int, dt.date, int]:
    """Overdue open tasks first, then other open ones, then the finished ones; by due date."""
    rank = 2
    if task.status == TaskStatus.OPEN:
        rank = 0 if task.due_date < today else 1
    return rank, task.due_date, task.id


def _looks_like_bsn(term: str) -> bool:
    """Whether a search term is (formatted as) a BSN: nine digits, perhaps with spaces, dots or dashes."""
    digits = normalise_bsn(term)
    return len(digits) == 9 and digits.isascii() and digits.isdigit()


class DossierView(Secured, BaseView):
    """Employees and their dossiers, read-only but for reassigning the case manager."""

    roles = ("admin", "casemanager")

    def _employee(self, employee_id: int, options: tuple = ()) -> Employee:
        """The employee, if the signed-in user may see them; someone else's caseload looks like nothing (404)."""
        employee = db.session.get(Employee, employee_id, options=options)
        if employee is None:
            abort(404)
        try:
            ensure_can_see(employee, current_user.user)
        except Forbidden:
            abort(404)
        return employee

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        """The employees list: search by name, personnel number, postcode or BSN; filters from the dashboard.

        The search form is POSTed, so a BSN travels in the body and never in a URL or an access log; a BSN
        in the query string is not searched for."""
        viewer = current_user.user
        term = (request.form.get("q") if request.method == "POST" else request.args.get("q")) or ""
        term = term.strip()
        refused_bsn = request.method != "POST" and _looks_like_bsn(term)
        if refused_bsn:
            term = ""
        name, kind = request.args.get("filter", ""), request.args.get("signal", "")
        if (name and name not in LIST_FILTERS) or (kind and kind not in SIGNAL_KINDS):
            raise RefusedInput(_("Onbekend filter voor de werknemerslijst."))
        message, truncated = "", False
        if term:
            try:
                found = search_clients(term, viewer=viewer, limit=PAGE_SIZE)
            except Invalid as error:
                found, message = None, "; ".join(error.errors.values())
            employees = found.employees if found else []
            if found:
                message, truncated = found.message, found.truncated
                ids = [e.id for e in employees]
                narrowed = _filtered(
                    caseload(viewer).where(Employee.id.in_(ids)), name, kind, local_day(utcnow())
                )
                keep = set(db.session.scalars(narrowed.with_only_columns(Employee.id)))
                employees = [e for e in employees if e.id in keep]
        else:
            query = _filtered(caseload(viewer), name, kind, local_day(utcnow()))
            query = query.order_by(
                sa.func.lower(Employee.last_name), Employee.first_name, Employee.id
            ).options(joinedload(Employee.employer), joinedload(Employee.case_manager))
            employees = list(db.session.scalars(query.limit(PAGE_SIZE + 1)))
            truncated = len(employees) > PAGE_SIZE
            del employees[PAGE_SIZE:]
            if truncated:
                message = _("Meer dan %(n)s werknemers; zoek om te verfijnen.", n=PAGE_SIZE)
        if refused_bsn:
            message = _("Zoek op BSN met het zoekveld: een BSN hoort niet in een adres.")
        return self.render(
            "console/dossier_list.html",
            employees=employees,
            term=term,
            message=message,
            truncated=truncated,
            filter_name=LIST_FILTERS.get(name, ""),
            signal_name=SIGNAL_KINDS.get(kind, ""),
            mask_bsn=mask_bsn,
        )

    @expose("/<int:employee_id>/")
    @writes  # the read is in the log book
    def dossier(self, employee_id: int) -> Any:
        """One employee's dossier, built (and its read logged) by open_dossier."""
        employee = self._employee(employee_id, EMPLOYEE_OPTIONS)
        now = utcnow()
        dossier = open_dossier(employee, viewer=current_user.user, now=now)
        commit_keeping_loaded()  # the read is in the log book; what was loaded for the page stays loaded
        today = local_day(now)
        managers = []
        if current_user.is_admin:
            managers = db.session.scalars(
                sa.select(User)
                .where(User.role == Role.CASEMANAGER, User.active.is_(True))
                .order_by(User.name)
            ).all()
        return self.render(
            "console/dossier.html",
            d=dossier,
            employee=employee,
            today=today,
            tasks={
                t.id: sorted(t.tasks, key=lambda task: _task_order(task, today)) for t in dossier.trajectories
            },
            bsn=mask_bsn(employee.bsn),
            managers=managers,
            signal_kinds=SIGNAL_KINDS,
            signal_detail=signal_detail,
            deadline_status=DEADLINE_STATUS,
            riv_status=RIV_STATUS,
            riv_steps=RIV_STEPS,
            task_status=TASK_STATUS,
            weights=WEIGHTS,
            product_kinds=DUTCH[ProductKind],
            carrier_names=DUTCH[PoortwachterCarrier],
            carrier=poortwachter_carrier(employee.employer, today),
            financier_names=FINANCIER_NAMES,
            zw_words=ZW_VANGNET,
            contact_kinds=CONTACT_KINDS,
            contact_with=CONTACT_WITH,
            upload_links={t.id: active_link(t) for t in dossier.trajectories},
            now=now,
        )

    @expose("/<int:employee_id>/logboek/")
    @writes  # the read is in the log book
    def logbook(self, employee_id: int) -> Any:
        """The whole log book, newest first, a page at a time (?voor=<line> for the lines older than it)."""
        employee = self._employee(employee_id)
        before = request.args.get("voor", "").strip()
        if before and not (before.isascii() and before.isdigit() and len(before) < 19):
            abort(404)
        try:
            page = logbook_page(
                employee, viewer=current_user.user, now=utcnow(), before=int(before) if before else None
            )
        except Invalid:
            abort(404)  # a line of another dossier looks like nothing
        commit_keeping_loaded()
        return self.render("console/logbook.html", page=page, employee=employee, first=not before)

    @expose("/<int:employee_id>/case-manager", methods=["POST"])
    def reassign(self, employee_id: int) -> Any:
        """Give the employee to another case manager (administrators only), through the engine."""
        if not current_user.is_admin:
            abort(403)
        employee = self._employee(employee_id)
        wanted = request.form.get("case_manager_id", "")
        user = db.session.get(User, int(wanted)) if wanted.isdigit() else None
        try:
            assign_case_manager(employee, user, actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            for message in error.errors.values():
                flash(_("Casemanager: %(message)s", message=message), "error")
        else:
            db.session.commit()
            flash(_("%(name)s is nu van %(manager)s.", name=employee.full_name, manager=user.name), "success")
        return redirect(url_for(".dossier", employee_id=employee.id))

    def _report(self, report_id: int) -> SickReport:
        """The sick report, if the signed-in user may see its employee (else 404, like the dossier)."""
        report = db.session.get(SickReport, report_id)
        if report is None:
            abort(404)
        self._employee(report.employee_id)
        return report

    def _step_answer(self, employee_id: int, change: Any, done: str) -> Any:
        """Run one sick-report change through the engine; flash its errors by field, else commit."""
        try:
            change()
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, STEP_FIELDS)
        else:
            db.session.commit()
            flash(done, "success")
        return redirect(url_for(".dossier", employee_id=employee_id) + "#deadlines")

    @expose("/sick-report/<int:report_id>/step-done", methods=["POST"])
    def step_done(self, report_id: int) -> Any:
        """Record a Poortwachter step as done on a date (caseload checked), through the engine."""
        report = self._report(report_id)
        step, day = request.form.get("step", ""), request.form.get("done_on", "")
        return self._step_answer(
            report.employee_id,
            lambda: record_step_done(report, step, day, actor=actor(), now=utcnow()),
            _("Poortwachter-stap afgerond vastgelegd."),
        )

    def _flags(self) -> dict[str, Any]:
        return {
            "zw_vangnet": request.form.get("zw_vangnet", ""),
            "work_related": request.form.get("work_related") == "1",
            "recourse_possible": request.form.get("recourse_possible") == "1",
        }

    @expose("/<int:employee_id>/sick-report", methods=["POST"])
    def sick_report(self, employee_id: int) -> Any:
        """Ziekmelding: a new sick report with its flags (caseload checked), through the engine."""
        employee = self._employee(employee_id)
        data = {key: request.form.get(key, "") for key in ("first_sick_day", "percentage", "target_rtw_date")}
        if not data["percentage"]:
            data.pop("percentage")
        data.update(self._flags())
        return self._step_answer(
            employee.id,
            lambda: register_sick_report(employee, data, actor=actor(), now=utcnow()),
            _("Ziekmelding vastgelegd."),
        )

    @expose("/<int:employee_id>/contact", methods=["POST"])
    def contact(self, employee_id: int) -> Any:
        """Record a contact about the employee (caseload checked); one with the werknemer sets laatste contact."""
        employee = self._employee(employee_id)
        data = {key: request.form.get(key, "") for key in ("kind", "with_whom", "day", "text")}
        try:
            add_contact(employee, data, actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, CONTACT_FIELDS)
        else:
            db.session.commit()
            flash(_("Contact vastgelegd."), "success")
        return redirect(url_for(".dossier", employee_id=employee.id) + "#contact")

    @expose("/<int:employee_id>/client-weight", methods=["POST"])
    def client_weight(self, employee_id: int) -> Any:
        """Cliëntzwaarte and the day it was assessed (caseload checked), through the engine."""
        employee = self._employee(employee_id)
        data = {key: request.form.get(key, "") for key in WEIGHT_FIELDS}
        try:
            if not data["client_weight_assessed_on"]:
                raise Invalid({"client_weight_assessed_on": _("Dit veld is verplicht.")})
            update_employee(employee, data, actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, WEIGHT_FIELDS)
        else:
            db.session.commit()
            flash(_("Cliëntzwaarte vastgelegd."), "success")
        return redirect(url_for(".dossier", employee_id=employee.id) + "#client-weight")

    @expose("/<int:employee_id>/employment", methods=["POST"])
    def employment(self, employee_id: int) -> Any:
        """Dienstverband: in dienst sinds, uit dienst per, contracturen (caseload checked), through the engine;
        an empty field clears it."""
        employee = self._employee(employee_id)
        data = {key: request.form.get(key, "").strip() or None for key in EMPLOYMENT_FIELDS}
        try:
            update_employee(employee, data, actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, EMPLOYMENT_FIELDS)
        else:
            db.session.commit()
            flash(_("Dienstverband vastgelegd."), "success")
        return redirect(url_for(".dossier", employee_id=employee.id) + "#employment")

    @expose("/sick-report/<int:report_id>/percentage", methods=["POST"])
    def percentage(self, report_id: int) -> Any:
        """Gedeeltelijk herstel: the percentage from a date, added to the history (caseload checked)."""
        report = self._report(report_id)
        data = {
            "percentage": request.form.get("percentage", ""),
            "from_date": request.form.get("from_date", ""),
        }
        return self._step_answer(
            report.employee_id,
            lambda: record_percentage(report, data, actor=actor(), now=utcnow()),
            _("Gedeeltelijk herstel vastgelegd."),
        )

    @expose("/sick-report/<int:report_id>/end")
    def end(self, report_id: int) -> Any:
        """The forms that end a sick report: hersteldmelding or closing, each with its end reason."""
        report = self._report(report_id)
        return self.render(
            "console/sick_report_end.html",
            report=report,
            employee=report.employee,
            reasons=active_end_reasons(),
            today=local_day(utcnow()),
        )

    def _end_answer(self, report: SickReport, change: Any, done: str) -> Any:
        """Run a hersteldmelding or closing through the engine; on a refusal back to the form, named by field."""
        try:
            change()
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, STEP_FIELDS)
            return redirect(url_for(".end", report_id=report.id))
        db.session.commit()
        flash(done, "success")
        return redirect(url_for(".dossier", employee_id=report.employee_id) + "#deadlines")

    @expose("/sick-report/<int:report_id>/recover", methods=["POST"])
    def recovered(self, report_id: int) -> Any:
        """Hersteldmelding: the employee is fit again from a date, with the end reason (caseload checked)."""
        report = self._report(report_id)
        day, reason = request.form.get("recovery_date", ""), request.form.get("end_reason_id", "")
        return self._end_answer(
            report,
            lambda: recover(report, recovery_date=day, end_reason=reason, actor=actor(), now=utcnow()),
            _("Hersteldmelding vastgelegd."),
        )

    @expose("/sick-report/<int:report_id>/close", methods=["POST"])
    def close(self, report_id: int) -> Any:
        """Close a sick report (e.g. uit dienst, einde wachttijd) with its end reason (caseload checked)."""
        report = self._report(report_id)
        day, reason = request.form.get("closed_on", ""), request.form.get("end_reason_id", "")
        return self._end_answer(
            report,
            lambda: close_sick_report(report, closed_on=day, end_reason=reason, actor=actor(), now=utcnow()),
            _("Verzuimmelding gesloten."),
        )

    @expose("/sick-report/<int:report_id>/flags", methods=["POST"])
    def flags(self, report_id: int) -> Any:
        """The flags of a sick report (ZW-vangnet, arbeidsgerelateerd, verhaal mogelijk); never a diagnosis."""
        report = self._report(report_id)
        return self._step_answer(
            report.employee_id,
            lambda: update_sick_report(report, self._flags(), actor=actor(), now=utcnow()),
            _("Verzuimmelding bijgewerkt."),
        )

    @expose("/sick-report/<int:report_id>/step-waive", methods=["POST"])
    def step_waive(self, report_id: int) -> Any:
        """Record a Poortwachter step as not needed, with its reason (caseload checked), through the engine."""
        report = self._report(report_id)
        step, reason = request.form.get("step", ""), request.form.get("reason", "")
        return self._step_answer(
            report.employee_id,
            lambda: waive_step(report, step, reason, actor=actor(), now=utcnow()),
            _("Poortwachter-stap als niet nodig vastgelegd."),
        )

    @expose("/sick-report/<int:report_id>/extension", methods=["POST"])
    def extension(self, report_id: int) -> Any:
        """Record a loonsanctie or voluntary extension of the waiting time (caseload checked)."""
        report = self._report(report_id)
        kind, until = request.form.get("kind", ""), request.form.get("until", "")
        return self._step_answer(
            report.employee_id,
            lambda: set_waiting_time_extension(report, kind, until, actor=actor(), now=utcnow()),
            _("Einde wachttijd vastgelegd."),
        )

    @expose("/sick-report/<int:report_id>/step-undo", methods=["POST"])
    def step_undo(self, report_id: int) -> Any:
        """Undo a Poortwachter step recorded as done (caseload checked), through the engine."""
        report = self._report(report_id)
        step = request.form.get("step", "")
        return self._step_answer(
            report.employee_id,
            lambda: undo_step_done(report, step, actor=actor(), now=utcnow()),
            _("Afronding van de Poortwachter-stap ongedaan gemaakt."),
        )

    @expose("/document/<int:document_id>")
    @writes  # the read is in the log book
    def document(self, document_id: int) -> Any:
        """A generated document's PDF (or HTML when no PDF was stored); the read is logged."""
        document = db.session.get(Document, document_id)
        if document is None:
            abort(404)
        employee = self._employee(document.employee.id)
        log(
            actor(),
            utcnow(),
            "document.read",
            f"Document {document.title} ingezien",
            employee_id=employee.id,
            trajectory_id=document.trajectory_id,
            subject=document,
        )
        db.session.commit()
        if document.pdf:
            name = f"document-{document.id}.pdf"
            headers = {"Content-Disposition": f'attachment; filename="{name}"'}
            return Response(document.pdf, mimetype="application/pdf", headers=headers)
        headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}
        return Response(document.html, mimetype="text/html", headers=headers)


def add_views(admin: Admin, session: Any) -> None:
    """The dossiers menu item (administrators and case managers)."""
    admin.add_view(DossierView(name=_l("Dossiers"), endpoint="dossiers"))
