"""The process configuration: trajectory templates, their task templates and triggers, document templates."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import ConfigListMixin, db, enum_column, fk, name_not_blank
from .catalog import Category, EndGoal, EndReason, ServiceType


class TaskKind(enum.StrEnum):
    """What a task asks of a person; each kind has its own result schema."""

    POLICY_SELECTION = "policy_selection"
    PROGRAMME_SELECTION = "programme_selection"
    COST_BENEFIT = "cost_benefit"
    APPROVAL = "approval"
    DOCUMENT = "document"
    REPORT_RECEIVED = "report_received"
    PLAIN = "plain"


class TriggerEvent(enum.StrEnum):
    """The events a trigger listens to (SPEC §5)."""

    TRAJECTORY_STARTED = "trajectory_started"
    TASK_COMPLETED = "task_completed"
    TASK_OVERDUE = "task_overdue"
    TRAJECTORY_CLOSED = "trajectory_closed"


class ConditionKind(enum.StrEnum):
    """What a trigger condition tests."""

    TASK_TEMPLATE = "task_template"  # "Trigger op LibTaakId"
    RESULT_FIELD_EQUALS = "result_field_equals"
    CATEGORY = "category"
    END_GOAL = "end_goal"
    SERVICE_TYPE = "service_type"


class ActionKind(enum.StrEnum):
    """What a trigger does when it fires."""

    ADD_TASK = "add_task"
    CLOSE_TRAJECTORY = "close_trajectory"
    GENERATE_DOCUMENT = "generate_document"
    START_INTERVENTION = "start_intervention"
    NOTIFY = "notify"


class DueBasis(enum.StrEnum):
    """What an added task's due date counts from."""

    EVENT = "event"
    PROGNOSIS_END = "prognosis_end"


class NotifyTarget(enum.StrEnum):
    """Who a notify action addresses."""

    CASE_MANAGER = "case_manager"
    ADMIN = "admin"


class TrajectoryTemplate(ConfigListMixin, db.Model):
    """Trajecttype (protocol), e.g. "Inzet interventie"."""

    __tablename__ = "trajectory_templates"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    service_type_id: Mapped[int | None] = mapped_column(fk("service_types.id"), index=True)
    service_type: Mapped[ServiceType | None] = relationship()
    task_templates: Mapped[list[TaskTemplate]] = relationship(
        back_populates="template", order_by="TaskTemplate.position", cascade="all, delete-orphan"
    )
    triggers: Mapped[list[Trigger]] = relationship(
        back_populates="template", order_by="Trigger.position", cascade="all, delete-orphan"
    )


class DocumentTemplate(ConfigListMixin, db.Model):
    """Documentsjabloon: a Jinja (sandboxed) HTML body with merge fields, rendered in the label's style."""

    __tablename__ = "document_templates"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    subject: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(sa.Text)
    use_house_style: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    own_style: Mapped[str] = mapped_column(sa.Text, default="", server_default="")


class TaskTemplate(db.Model):
    """A task of a trajectory template: key, kind, default due offset, optional or not."""

    __tablename__ = "task_templates"
    __table_args__ = (
        sa.UniqueConstraint("trajectory_template_id", "key"),
        sa.UniqueConstraint("trajectory_template_id", "name"),
        sa.CheckConstraint("due_offset_days >= 0 AND due_offset_days <= 3650", name="due_offset_in_range"),
        sa.CheckConstraint("length(trim(key)) > 0 AND length(trim(name)) > 0", name="key_name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_template_id: Mapped[int] = mapped_column(fk("trajectory_templates.id", ondelete="CASCADE"))
    template: Mapped[TrajectoryTemplate] = relationship(back_populates="task_templates")
    key: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    kind: Mapped[TaskKind] = enum_column(TaskKind, "task_kind")
    due_offset_days: Mapped[int] = mapped_column(default=0, server_default="0")
    # The offset counts working days (casework.calendar: weekends and the holiday list off) instead of days.
    due_in_working_days: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    optional: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    starts_with_trajectory: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    document_template_id: Mapped[int | None] = mapped_column(fk("document_templates.id"), index=True)
    document_template: Mapped[DocumentTemplate | None] = relationship()
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    position: Mapped[int] = mapped_column(default=0, server_default="0")

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class Trigger(db.Model):
    """WHEN event, IF all conditions, THEN actions in order (SPEC §5)."""

    __tablename__ = "triggers"
    __table_args__ = (
        sa.UniqueConstraint("trajectory_template_id", "name"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trajectory_template_id: Mapped[int] = mapped_column(fk("trajectory_templates.id", ondelete="CASCADE"))
    template: Mapped[TrajectoryTemplate] = relationship(back_populates="triggers")
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    event: Mapped[TriggerEvent] = enum_column(TriggerEvent, "trigger_event")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    conditions: Mapped[list[TriggerCondition]] = relationship(
        back_populates="trigger", order_by="TriggerCondition.id", cascade="all, delete-orphan"
    )
    actions: Mapped[list[TriggerAction]] = relationship(
        back_populates="trigger", order_by="TriggerAction.position", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return self.name


class TriggerCondition(db.Model):
    """One condition of a trigger; the column its kind needs must be filled (CHECK)."""

    __tablename__ = "trigger_conditions"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'task_template' AND task_template_id IS NOT NULL)"
            " OR (kind = 'result_field_equals' AND field IS NOT NULL AND value IS NOT NULL)"
            " OR (kind = 'category' AND category_id IS NOT NULL)"
            " OR (kind = 'end_goal' AND end_goal_id IS NOT NULL)"
            " OR (kind = 'service_type' AND service_type_id IS NOT NULL)",
            name="operand_for_kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger_id: Mapped[int] = mapped_column(fk("triggers.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[Trigger] = relationship(back_populates="conditions")
    kind: Mapped[ConditionKind] = enum_column(ConditionKind, "condition_kind")
    task_template_id: Mapped[int | None] = mapped_column(fk("task_templates.id"), index=True)
    task_template: Mapped[TaskTemplate | None] = relationship()
    field: Mapped[str | None] = mapped_column(sa.String(100))
    value: Mapped[str | None] = mapped_column(sa.String(200))
    category_id: Mapped[int | None] = mapped_column(fk("categories.id"), index=True)
    category: Mapped[Category | None] = relationship()
    end_goal_id: Mapped[int | None] = mapped_column(fk("end_goals.id"), index=True)
    end_goal: Mapped[EndGoal | None] = relationship()
    service_type_id: Mapped[int | None] = mapped_column(fk("service_types.id"), index=True)
    service_type: Mapped[ServiceType | None] = relationship()


class TriggerAction(db.Model):
    """One action of a trigger; the column its kind needs must be filled (CHECK)."""

    __tablename__ = "trigger_actions"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'add_task' AND task_template_id IS NOT NULL AND due_in_days IS NOT NULL)"
            " OR (kind = 'close_trajectory' AND end_reason_id IS NOT NULL)"
            " OR (kind = 'generate_document' AND document_template_id IS NOT NULL)"
            " OR (kind = 'start_intervention')"
            " OR (kind = 'notify' AND notify_target IS NOT NULL AND length(trim(text)) > 0)",
            name="operand_for_kind",
        ),
        sa.CheckConstraint(
            "due_in_days IS NULL OR (due_in_days >= 0 AND due_in_days <= 3650)", name="due_in_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger_id: Mapped[int] = mapped_column(fk("triggers.id", ondelete="CASCADE"), index=True)
    trigger: Mapped[Trigger] = relationship(back_populates="actions")
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    kind: Mapped[ActionKind] = enum_column(ActionKind, "action_kind")
    task_template_id: Mapped[int | None] = mapped_column(fk("task_templates.id"), index=True)
    task_template: Mapped[TaskTemplate | None] = relationship()
    due_in_days: Mapped[int | None] = mapped_column()
    due_basis: Mapped[DueBasis] = enum_column(
        DueBasis, "due_basis", default=DueBasis.EVENT, server_default="event"
    )
    end_reason_id: Mapped[int | None] = mapped_column(fk("end_reasons.id"), index=True)
    end_reason: Mapped[EndReason | None] = relationship()
    document_template_id: Mapped[int | None] = mapped_column(fk("document_templates.id"), index=True)
    document_template: Mapped[DocumentTemplate | None] = relationship()
    notify_target: Mapped[NotifyTarget | None] = enum_column(NotifyTarget, "notify_target", nullable=True)
    text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
