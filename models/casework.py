"""Casework: employees, sick reports, trajectories, tasks, interventions, notes, documents and the log book.

By construction there is no column for a diagnosis, a cause of absence or any other medical content.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Percentage, db, enum_column, fk, utcnow
from .catalog import AbsenceCause, Category, EndGoal, EndReason, ServiceVariation, SickReportEndReason
from .employers import Employer, Policy
from .process import DocumentTemplate, TaskKind, TaskTemplate, TrajectoryTemplate
from .providers import Programme

if TYPE_CHECKING:
    from .agenda import Consult
    from .users import User

NOTE_MAX_LENGTH = 1500

# The 11-proef of a BSN, as SQL: digits 1..8 weighted 9..2, the ninth weighted -1, sum divisible by 11.
_BSN_WEIGHTED_SUM = " + ".join(
    f"{w} * CAST(substr(bsn, {i}, 1) AS INTEGER)" for i, w in enumerate((9, 8, 7, 6, 5, 4, 3, 2, -1), start=1)
)
# Written without the % operator, which DDL through psycopg would have to escape: s - 11 * (s / 11) is the
# remainder of integer division on both SQLite and PostgreSQL.
BSN_CHECK_SQL = (
    "bsn IS NULL OR (CASE WHEN length(bsn) = 9 AND ltrim(bsn, '0123456789') = '' AND bsn <> '000000000'"
    f" THEN ({_BSN_WEIGHTED_SUM}) - 11 * (({_BSN_WEIGHTED_SUM}) / 11) = 0 ELSE 1 = 0 END)"
)


class ClientWeight(enum.StrEnum):
    """Cliëntzwaarte: sets how often the employee must be contacted."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def contact_interval_days(self) -> int:
        """Days allowed without contact (SPEC §6)."""
        return {"low": 42, "medium": 21, "high": 7}[self.value]


class ZwVangnet(enum.StrEnum):
    """Why the Ziektewet safety net (vangnet) covers this sickness: recorded as a kind, never a diagnosis."""

    PREGNANCY = "zwangerschap"  # zwangerschap of bevalling
    ORGAN_DONATION = "orgaandonatie"
    NO_RISK = "no_riskpolis"


class TrajectoryStatus(enum.StrEnum):
    """Where a trajectory is."""

    OPEN = "open"
    CLOSED = "closed"


class Financier(enum.StrEnum):
    """Who pays an intervention (seed 002: the employer, or an insurer — WGA ERD, ZW ERD, collectieve WIA,
    verzuimverzekering —, the health insurer, UWV)."""

    EMPLOYER = "employer"
    INSURER_WGA_ERD = "insurer_wga_erd"
    INSURER_ZW_ERD = "insurer_zw_erd"
    INSURER_COLLECTIVE_WIA = "insurer_collective_wia"
    INSURER_ABSENCE = "insurer_absence"
    HEALTH_INSURER = "health_insurer"
    UWV = "uwv"


class TaskStatus(enum.StrEnum):
    """Where a task is; only open tasks can be completed, skipped or cancelled."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class Employee(db.Model):
    """Werknemer: the person a dossier (werknemersdossier) is about."""

    __tablename__ = "employees"
    __table_args__ = (
        sa.UniqueConstraint("employer_id", "personnel_number"),
        sa.UniqueConstraint("bsn"),
        sa.CheckConstraint(BSN_CHECK_SQL, name="bsn_elfproef"),
        sa.CheckConstraint("daily_wage IS NULL OR daily_wage >= 0", name="daily_wage_not_negative"),
        sa.CheckConstraint("length(trim(last_name)) > 0", name="last_name_not_blank"),
        sa.CheckConstraint("length(trim(personnel_number)) > 0", name="personnel_number_not_blank"),
        sa.CheckConstraint(
            "employment_end IS NULL OR employment_start IS NULL OR employment_end >= employment_start",
            name="employment_end_after_start",
        ),
        sa.CheckConstraint(
            "contract_hours IS NULL OR (contract_hours > 0 AND contract_hours <= 60)",
            name="contract_hours_in_range",
        ),
        sa.Index("ix_employees_last_name", "last_name"),
        sa.Index("ix_employees_postcode", "postcode"),
        # The dossier list's order (console.admin.dossiers): its first page is read from this index.
        sa.Index("ix_employees_sort_name", sa.text("lower(last_name)"), "first_name", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(fk("employers.id"), index=True)
    employer: Mapped[Employer] = relationship()
    personnel_number: Mapped[str] = mapped_column(sa.String(40))
    bsn: Mapped[str | None] = mapped_column(sa.String(9))
    first_name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    name_prefix: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")  # tussenvoegsel
    last_name: Mapped[str] = mapped_column(sa.String(100))
    birth_date: Mapped[dt.date | None] = mapped_column()
    postcode: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    daily_wage: Mapped[Decimal | None] = mapped_column()
    sector: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    # Dienstverband: the first and last day employed (both inclusive; no end = still employed) and the contract
    # hours per week. The absence figures (casework.absence_figures) weigh days by them.
    employment_start: Mapped[dt.date | None] = mapped_column()
    employment_end: Mapped[dt.date | None] = mapped_column()
    contract_hours: Mapped[Decimal | None] = mapped_column(sa.Numeric(4, 2, asdecimal=True))
    case_manager_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    case_manager: Mapped[User | None] = relationship()
    client_weight: Mapped[ClientWeight] = enum_column(
        ClientWeight, "client_weight", default=ClientWeight.MEDIUM, server_default="medium"
    )
    client_weight_assessed_on: Mapped[dt.date | None] = mapped_column()  # signalled when over 3 months old
    last_contact_on: Mapped[dt.date | None] = mapped_column()
    legal_hold: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sick_reports: Mapped[list[SickReport]] = relationship(
        back_populates="employee", order_by="SickReport.first_sick_day", passive_deletes=True
    )
    trajectories: Mapped[list[Trajectory]] = relationship(
        back_populates="employee", order_by="Trajectory.started_on", passive_deletes=True
    )

    @property
    def full_name(self) -> str:
        """First name, prefix and last name, as a Dutch letter writes it."""
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    def __str__(self) -> str:
        return f"{self.full_name} ({self.personnel_number})"


class SickReport(db.Model):
    """Verzuimmelding: first sick day, percentage, target return-to-work and recovery dates. No diagnosis."""

    __tablename__ = "sick_reports"
    __table_args__ = (
        sa.CheckConstraint("percentage > 0 AND percentage <= 100", name="percentage_in_range"),
        sa.CheckConstraint(
            "recovery_date IS NULL OR recovery_date >= first_sick_day", name="recovery_after_start"
        ),
        sa.CheckConstraint(
            "target_rtw_date IS NULL OR target_rtw_date >= first_sick_day", name="target_after_start"
        ),
        sa.CheckConstraint("closed_on IS NULL OR closed_on >= first_sick_day", name="closed_after_start"),
        sa.CheckConstraint(
            "loonsanctie_until IS NULL OR loonsanctie_until > first_sick_day", name="loonsanctie_after_start"
        ),
        sa.CheckConstraint(
            "extended_until IS NULL OR extended_until > first_sick_day", name="extension_after_start"
        ),
        sa.CheckConstraint(
            "end_reason_id IS NULL OR recovery_date IS NOT NULL OR closed_on IS NOT NULL",
            name="end_reason_when_ended",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"), index=True)
    employee: Mapped[Employee] = relationship(back_populates="sick_reports")
    first_sick_day: Mapped[dt.date] = mapped_column()
    percentage: Mapped[Decimal] = mapped_column(Percentage, default=Decimal("100"))
    target_rtw_date: Mapped[dt.date | None] = mapped_column()
    recovery_date: Mapped[dt.date | None] = mapped_column()
    closed_on: Mapped[dt.date | None] = mapped_column()
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Why the report ended (hersteld eigen werk, uit dienst, ...), asked at the hersteldmelding or the closing.
    end_reason_id: Mapped[int | None] = mapped_column(fk("sick_report_end_reasons.id"), index=True)
    end_reason: Mapped[SickReportEndReason | None] = relationship()
    # The waiting time (104 weeks) ends later: a loonsanctie UWV imposed, up to this day, or a voluntary
    # extension of sick pay (verlengde loondoorbetaling) agreed up to this day.
    loonsanctie_until: Mapped[dt.date | None] = mapped_column()
    extended_until: Mapped[dt.date | None] = mapped_column()
    # What a case manager records about the case, never a diagnosis: the ZW-vangnet kind, work-related, and
    # whether the employer may recover the wages from a liable third party (verhaal/regres).
    zw_vangnet: Mapped[ZwVangnet | None] = enum_column(ZwVangnet, "zw_vangnet", nullable=True)
    work_related: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    recourse_possible: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    percentages: Mapped[list[SickReportPercentage]] = relationship(
        back_populates="sick_report",
        order_by="(SickReportPercentage.from_date, SickReportPercentage.id)",
        passive_deletes=True,
    )
    steps_done: Mapped[list[PoortwachterStepDone]] = relationship(
        back_populates="sick_report", order_by="PoortwachterStepDone.done_on", passive_deletes=True
    )

    @property
    def is_open(self) -> bool:
        """Open while neither recovered nor closed."""
        return self.recovery_date is None and self.closed_on is None

    def __str__(self) -> str:
        return f"Verzuim vanaf {self.first_sick_day:%d-%m-%Y} ({self.percentage:g}%)"


class SickReportPercentage(db.Model):
    """The percentage of incapacity from a date (registration, gedeeltelijk herstel): a history, never overwritten."""

    __tablename__ = "sick_report_percentages"
    __table_args__ = (
        sa.UniqueConstraint("sick_report_id", "from_date"),
        sa.CheckConstraint("percentage > 0 AND percentage <= 100", name="percentage_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sick_report_id: Mapped[int] = mapped_column(fk("sick_reports.id", ondelete="CASCADE"))
    sick_report: Mapped[SickReport] = relationship(back_populates="percentages")
    percentage: Mapped[Decimal] = mapped_column(Percentage)
    from_date: Mapped[dt.date] = mapped_column()
    recorded_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    recorded_by: Mapped[User | None] = relationship()
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PoortwachterStepDone(db.Model):
    """A Poortwachter step recorded as done (e.g. the plan van aanpak made on a date), or waived with a reason.

    Repeating steps are numbered (evaluatie_1, evaluatie_2, bijstelling_1, ...). No medical content.
    """

    __tablename__ = "poortwachter_steps_done"
    __table_args__ = (
        sa.UniqueConstraint("sick_report_id", "step_key"),
        sa.CheckConstraint("NOT waived OR length(trim(reason)) > 0", name="waived_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sick_report_id: Mapped[int] = mapped_column(fk("sick_reports.id", ondelete="CASCADE"))
    sick_report: Mapped[SickReport] = relationship(back_populates="steps_done")
    step_key: Mapped[str] = mapped_column(
        sa.String(40)
    )  # a step of casework.deadlines.STEP_LABELS (evaluatie_N numbered)
    done_on: Mapped[dt.date] = mapped_column()  # the day it was done, or the day it was waived
    waived: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")  # why it was waived
    recorded_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    recorded_by: Mapped[User | None] = relationship()
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PoortwachterOpenStep(db.Model):
    """A Poortwachter step of an open sick report that is neither done nor waived, with its due date.

    Kept by casework.timeline (the one place the timeline is computed) whenever a report, a recorded step or
    the holiday calendar changes, so the signal scan reads it with one set-based statement.
    """

    __tablename__ = "poortwachter_open_steps"
    __table_args__ = (
        sa.UniqueConstraint("sick_report_id", "step_key"),
        sa.Index("ix_poortwachter_open_steps_due_date", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sick_report_id: Mapped[int] = mapped_column(fk("sick_reports.id", ondelete="CASCADE"))
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"), index=True)
    step_key: Mapped[str] = mapped_column(sa.String(40))
    label: Mapped[str] = mapped_column(sa.String(200))
    due_date: Mapped[dt.date] = mapped_column()


class Trajectory(db.Model):
    """Traject: one run of a trajectory template for one employee."""

    __tablename__ = "trajectories"
    __table_args__ = (
        sa.CheckConstraint("closed_on IS NULL OR closed_on >= started_on", name="closed_after_start"),
        sa.CheckConstraint(
            "(status = 'open' AND closed_on IS NULL AND end_reason_id IS NULL)"
            " OR (status = 'closed' AND closed_on IS NOT NULL AND end_reason_id IS NOT NULL)",
            name="closed_has_reason",
        ),
        sa.Index(
            "ix_trajectories_open_case_manager",
            "case_manager_id",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        # An employee's trajectories, and a caseload's open ones counted from the index alone (the dashboard).
        sa.Index("ix_trajectories_employee_status", "employee_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(fk("trajectory_templates.id"), index=True)
    template: Mapped[TrajectoryTemplate] = relationship()
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"))
    employee: Mapped[Employee] = relationship(back_populates="trajectories")
    sick_report_id: Mapped[int | None] = mapped_column(fk("sick_reports.id", ondelete="CASCADE"), index=True)
    sick_report: Mapped[SickReport | None] = relationship()
    policy_id: Mapped[int | None] = mapped_column(fk("policies.id"), index=True)
    policy: Mapped[Policy | None] = relationship()
    category_id: Mapped[int | None] = mapped_column(fk("categories.id"), index=True)
    category: Mapped[Category | None] = relationship()
    end_goal_id: Mapped[int | None] = mapped_column(fk("end_goals.id"), index=True)
    end_goal: Mapped[EndGoal | None] = relationship()
    # the non-medical cause of the absence (seed 002), recorded at T1; never a diagnosis
    absence_cause_id: Mapped[int | None] = mapped_column(fk("absence_causes.id"), index=True)
    absence_cause: Mapped[AbsenceCause | None] = relationship()
    service_variation_id: Mapped[int | None] = mapped_column(fk("service_variations.id"), index=True)
    service_variation: Mapped[ServiceVariation | None] = relationship()
    case_manager_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    case_manager: Mapped[User | None] = relationship()
    status: Mapped[TrajectoryStatus] = enum_column(
        TrajectoryStatus, "trajectory_status", default=TrajectoryStatus.OPEN, server_default="open"
    )
    started_on: Mapped[dt.date] = mapped_column()
    closed_on: Mapped[dt.date | None] = mapped_column(index=True)
    end_reason_id: Mapped[int | None] = mapped_column(fk("end_reasons.id"), index=True)
    end_reason: Mapped[EndReason | None] = relationship()
    programme_id: Mapped[int | None] = mapped_column(fk("programmes.id"), index=True)
    programme: Mapped[Programme | None] = relationship()
    financier: Mapped[Financier | None] = enum_column(Financier, "financier", nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    tasks: Mapped[list[Task]] = relationship(
        back_populates="trajectory", order_by="(Task.due_date, Task.id)", passive_deletes=True
    )
    interventions: Mapped[list[Intervention]] = relationship(
        back_populates="trajectory", order_by="Intervention.started_on", passive_deletes=True
    )
    cost_benefit: Mapped[CostBenefit | None] = relationship(back_populates="trajectory", passive_deletes=True)
    upload_links: Mapped[list[UploadLink]] = relationship(
        back_populates="trajectory", order_by="UploadLink.id", passive_deletes=True
    )

    def __str__(self) -> str:
        return f"{self.template.name if self.template else 'Traject'} #{self.id}"


class CostBenefit(db.Model):
    """The cost/benefit analysis of a trajectory (SPEC §4): inputs, computed figures, and the override beside them."""

    __tablename__ = "cost_benefits"
    __table_args__ = (
        sa.UniqueConstraint("trajectory_id"),
        sa.CheckConstraint(
            "reduction_days >= 0 AND dossier_cost >= 0 AND daily_wage >= 0 AND programme_price >= 0",
            name="inputs_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(fk("trajectories.id", ondelete="CASCADE"))
    trajectory: Mapped[Trajectory] = relationship(back_populates="cost_benefit")
    reduction_days: Mapped[Decimal] = mapped_column(sa.Numeric(7, 1))
    dossier_cost: Mapped[Decimal] = mapped_column()
    daily_wage: Mapped[Decimal] = mapped_column()
    programme_price: Mapped[Decimal] = mapped_column()
    gross_benefit: Mapped[Decimal] = mapped_column()
    cost: Mapped[Decimal] = mapped_column()
    net_benefit: Mapped[Decimal] = mapped_column()
    ratio: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    expected_benefit_computed: Mapped[Decimal] = mapped_column()
    expected_benefit_override: Mapped[Decimal | None] = mapped_column()
    override_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The sick report's target return-to-work date when the analysis was made (the programme choice): the
    # reports set the actual return against it ("gerealiseerde besparing", casework.reports). Kept here because
    # the report's target moves afterwards.
    expected_rtw_date: Mapped[dt.date | None] = mapped_column()

    @property
    def expected_benefit(self) -> Decimal:
        """The figure that counts: the case manager's override when given, else the computed one."""
        if self.expected_benefit_override is not None:
            return self.expected_benefit_override
        return self.expected_benefit_computed


class Task(db.Model):
    """Taak: a step of a trajectory with a due date, an assignee, a kind and a result."""

    __tablename__ = "tasks"
    __table_args__ = (
        sa.CheckConstraint(
            "(status = 'open' AND completed_at IS NULL) OR (status <> 'open' AND completed_at IS NOT NULL)",
            name="completed_when_not_open",
        ),
        sa.CheckConstraint("chain_depth >= 0", name="chain_depth_not_negative"),
        sa.Index(
            "ix_tasks_open_due_date",
            "due_date",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        sa.Index(
            "ix_tasks_open_assignee",
            "assignee_id",
            "due_date",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        # A caseload's overdue tasks (the dashboard), read from the index alone per trajectory.
        sa.Index(
            "ix_tasks_open_trajectory",
            "trajectory_id",
            "due_date",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        # The API's task list (console.api.work), in its order: everyone's, and one assignee's whatever the status.
        sa.Index("ix_tasks_due_date_id", "due_date", "id"),
        sa.Index("ix_tasks_assignee_due_date", "assignee_id", "due_date", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory] = relationship(back_populates="tasks")
    task_template_id: Mapped[int] = mapped_column(fk("task_templates.id"), index=True)
    task_template: Mapped[TaskTemplate] = relationship()
    key: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[TaskKind] = enum_column(TaskKind, "task_kind")
    status: Mapped[TaskStatus] = enum_column(
        TaskStatus, "task_status", default=TaskStatus.OPEN, server_default="open"
    )
    due_date: Mapped[dt.date] = mapped_column()
    assignee_id: Mapped[int | None] = mapped_column(fk("users.id"))
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column()
    completed_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    completed_by: Mapped[User | None] = relationship(foreign_keys=[completed_by_id])
    result: Mapped[dict[str, Any] | None] = mapped_column()
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")  # why skipped or cancelled
    overdue_fired_on: Mapped[dt.date | None] = mapped_column()  # day change: task_overdue fired once
    snoozed_until: Mapped[dt.date | None] = mapped_column()  # hidden from "my tasks" until then
    # How many trigger firings without a person in between led to this task (SPEC §5: stopped beyond 10).
    chain_depth: Mapped[int] = mapped_column(default=0, server_default="0")

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class Intervention(db.Model):
    """A programme deployed in a trajectory: start, prognosis end, actual end, end reason."""

    __tablename__ = "interventions"
    __table_args__ = (
        sa.CheckConstraint("prognosis_end >= started_on", name="prognosis_after_start"),
        sa.CheckConstraint("actual_end IS NULL OR actual_end >= started_on", name="end_after_start"),
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
        sa.Index(
            "ix_interventions_running_prognosis",
            "prognosis_end",
            sqlite_where=sa.text("actual_end IS NULL"),
            postgresql_where=sa.text("actual_end IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory] = relationship(back_populates="interventions")
    programme_id: Mapped[int] = mapped_column(fk("programmes.id"), index=True)
    programme: Mapped[Programme] = relationship()
    price: Mapped[Decimal] = mapped_column()  # the programme's price when it was deployed
    started_on: Mapped[dt.date] = mapped_column()
    prognosis_end: Mapped[dt.date] = mapped_column()
    actual_end: Mapped[dt.date | None] = mapped_column()
    financier: Mapped[Financier | None] = enum_column(Financier, "financier", nullable=True)
    end_reason_id: Mapped[int | None] = mapped_column(fk("end_reasons.id"), index=True)
    end_reason: Mapped[EndReason | None] = relationship()


class Note(db.Model):
    """Aantekening: free text about an employee, at most 1,500 characters."""

    __tablename__ = "notes"
    __table_args__ = (
        sa.CheckConstraint(
            f"length(text) <= {NOTE_MAX_LENGTH} AND length(trim(text)) > 0", name="text_length"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"), index=True)
    employee: Mapped[Employee] = relationship()
    trajectory_id: Mapped[int | None] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory | None] = relationship()
    author_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    author: Mapped[User | None] = relationship()
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ContactKind(enum.StrEnum):
    """How a contact went."""

    CONVERSATION = "gesprek"
    PHONE = "telefoon"
    VIDEO = "video"
    EMAIL = "email"


class ContactWith(enum.StrEnum):
    """Whom a case manager was in contact with about the employee."""

    EMPLOYEE = "werknemer"
    EMPLOYER = "werkgever"
    OCCUPATIONAL_PHYSICIAN = "bedrijfsarts"
    LABOUR_EXPERT = "arbeidsdeskundige"
    PROVIDER = "provider"


class Contact(db.Model):
    """A contact about an employee on a day (gesprek, telefoon, video, e-mail), with an optional short text."""

    __tablename__ = "contacts"
    __table_args__ = (
        sa.CheckConstraint(f"length(text) <= {NOTE_MAX_LENGTH}", name="text_length"),
        sa.Index("ix_contacts_employee_day", "employee_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"))
    employee: Mapped[Employee] = relationship()
    kind: Mapped[ContactKind] = enum_column(ContactKind, "contact_kind")
    with_whom: Mapped[ContactWith] = enum_column(ContactWith, "contact_with")
    day: Mapped[dt.date] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    recorded_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    recorded_by: Mapped[User | None] = relationship()
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DocumentOrigin(enum.StrEnum):
    """Where a document came from."""

    GENERATED = "generated"  # rendered from a document template
    PROVIDER = "provider"  # a report the provider uploaded through its upload link


class UploadLink(db.Model):
    """A provider's personal upload link for one trajectory (seed 000: "Veilig Communiceren").

    Only the SHA-256 hash of the link's secret is stored; the link itself is shown once (in the confirmation
    letter or in the console). A link expires, can be revoked, and a trajectory has at most one link not revoked.
    """

    __tablename__ = "upload_links"
    __table_args__ = (
        sa.UniqueConstraint("secret_hash"),
        sa.CheckConstraint("expires_at > created_at", name="expires_after_created"),
        sa.CheckConstraint("revoked_at IS NULL OR revoked_at >= created_at", name="revoked_after_created"),
        sa.Index(
            "uq_upload_links_active_trajectory",
            "trajectory_id",
            unique=True,
            sqlite_where=sa.text("revoked_at IS NULL"),
            postgresql_where=sa.text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory] = relationship(back_populates="upload_links")
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column()
    created_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    expires_at: Mapped[dt.datetime] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])
    last_used_at: Mapped[dt.datetime | None] = mapped_column()


class Document(db.Model):
    """A document of a trajectory or of a consult: generated from a template (HTML and PDF) or a PDF uploaded by
    the provider."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.CheckConstraint("trajectory_id IS NOT NULL OR consult_id IS NOT NULL", name="has_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_id: Mapped[int | None] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory | None] = relationship()
    consult_id: Mapped[int | None] = mapped_column(fk("consults.id", ondelete="CASCADE"), index=True)
    consult: Mapped[Consult | None] = relationship()
    document_template_id: Mapped[int | None] = mapped_column(fk("document_templates.id"), index=True)
    document_template: Mapped[DocumentTemplate | None] = relationship()
    task_id: Mapped[int | None] = mapped_column(fk("tasks.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    html: Mapped[str] = mapped_column(sa.Text)
    pdf: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    created_by: Mapped[User | None] = relationship()
    origin: Mapped[DocumentOrigin] = enum_column(
        DocumentOrigin, "document_origin", default=DocumentOrigin.GENERATED, server_default="generated"
    )
    upload_link_id: Mapped[int | None] = mapped_column(fk("upload_links.id", ondelete="SET NULL"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255), default="", server_default="")  # as uploaded

    @property
    def employee(self) -> Employee:
        """The employee whose dossier holds the document: the trajectory's or the consult's."""
        owner = self.trajectory if self.trajectory_id is not None else self.consult
        return owner.employee


class LogEntry(db.Model):
    """Logboek: an append-only record of everything done in a dossier, and of every read by a person."""

    __tablename__ = "log_entries"
    __table_args__ = (sa.Index("ix_log_entries_employee_at", "employee_id", "at"),)

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    actor: Mapped[User | None] = relationship()
    actor_name: Mapped[str] = mapped_column(
        sa.String(200)
    )  # the user's email, a token's name, or "scheduler"
    action: Mapped[str] = mapped_column(sa.String(60), index=True)  # e.g. "task.completed", "dossier.read"
    employee_id: Mapped[int | None] = mapped_column(fk("employees.id", ondelete="CASCADE"))
    trajectory_id: Mapped[int | None] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    subject_type: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    subject_id: Mapped[int | None] = mapped_column()
    message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    details: Mapped[dict[str, Any] | None] = mapped_column()
