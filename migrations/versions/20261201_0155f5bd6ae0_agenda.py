"""agenda: locations, unavailability kinds, consult types, availability, unavailability, consults, feeds

Revision ID: 0155f5bd6ae0
Revises: 9d41c6e83a57
Create Date: 2026-12-01 23:48:50

The agenda of seed 004 (PACTA): availability per user and location, unavailability of a kind, consult types
(spreekuursoorten, seed 001) and consults with their statuses; each user's private iCalendar feed (token hash);
two signal kinds for consults (consult_pending "Nog niet afgemeld", consult_no_show).
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0155f5bd6ae0"
down_revision = "9d41c6e83a57"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "task_overdue",
    "rtw_target_passed",
    "prognosis_passed",
    "not_contacted",
    "poortwachter_due",
    "trigger_notice",
)
NEW_KINDS = (*OLD_KINDS, "consult_pending", "consult_no_show")


def _signal_kinds(kinds: tuple[str, ...]) -> None:
    """Replace the CHECK constraint listing the signal kinds (the table is copied on SQLite)."""
    listed = ", ".join(f"'{k}'" for k in kinds)
    # On SQLite the batch copies the table and drops the old one; with foreign keys on, that drop deletes every
    # notification (ON DELETE CASCADE). Keep them aside and put back what went.
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE keep_notifications AS SELECT * FROM notifications")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("signals", schema=None) as batch_op:
            batch_op.drop_constraint(op.f("ck_signals_signal_kind"), type_="check")
            batch_op.create_check_constraint("signal_kind", f"kind IN ({listed})")
    if sqlite:
        op.execute(
            "INSERT INTO notifications SELECT * FROM keep_notifications"
            " WHERE id NOT IN (SELECT id FROM notifications)"
        )
        op.execute("DROP TABLE keep_notifications")


def upgrade():
    op.create_table(
        "consult_types",
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(precision=12, scale=2), server_default="0", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "duration_minutes BETWEEN 5 AND 480", name=op.f("ck_consult_types_duration_range")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_consult_types_name_not_blank")),
        sa.CheckConstraint("price >= 0", name=op.f("ck_consult_types_price_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_types")),
        sa.UniqueConstraint("name", name=op.f("uq_consult_types_name")),
    )
    op.create_table(
        "locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_locations_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
        sa.UniqueConstraint("name", name=op.f("uq_locations_name")),
    )
    op.create_table(
        "unavailability_kinds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_unavailability_kinds_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unavailability_kinds")),
        sa.UniqueConstraint("name", name=op.f("uq_unavailability_kinds_name")),
    )
    op.create_table(
        "availabilities",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "recurrence",
            sa.Enum("none", "weekly", name="recurrence", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("frequency", sa.Integer(), server_default="1", nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_until", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("weekdays", sa.Integer(), server_default="0", nullable=False),
        sa.Column("remark", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "recurrence = 'none' OR (weekdays > 0 AND end_time > start_time)",
            name=op.f("ck_availabilities_weekly_has_days"),
        ),
        sa.CheckConstraint(
            "recurrence = 'weekly' OR date_until > date_from OR end_time > start_time",
            name=op.f("ck_availabilities_none_not_empty"),
        ),
        sa.CheckConstraint("date_until >= date_from", name=op.f("ck_availabilities_period_order")),
        sa.CheckConstraint("frequency BETWEEN 1 AND 3", name=op.f("ck_availabilities_frequency_range")),
        sa.CheckConstraint("length(remark) <= 1500", name=op.f("ck_availabilities_remark_length")),
        sa.CheckConstraint("weekdays BETWEEN 0 AND 127", name=op.f("ck_availabilities_weekdays_range")),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_availabilities_location_id_locations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_availabilities_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availabilities")),
    )
    with op.batch_alter_table("availabilities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_availabilities_location_id"), ["location_id"], unique=False)
        batch_op.create_index("ix_availabilities_user_period", ["user_id", "date_until"], unique=False)

    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_calendar_feeds_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calendar_feeds_user_id")),
    )
    op.create_table(
        "unavailabilities",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "recurrence",
            sa.Enum("none", "weekly", name="recurrence", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("frequency", sa.Integer(), server_default="1", nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_until", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("weekdays", sa.Integer(), server_default="0", nullable=False),
        sa.Column("remark", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "recurrence = 'none' OR (weekdays > 0 AND end_time > start_time)",
            name=op.f("ck_unavailabilities_weekly_has_days"),
        ),
        sa.CheckConstraint(
            "recurrence = 'weekly' OR date_until > date_from OR end_time > start_time",
            name=op.f("ck_unavailabilities_none_not_empty"),
        ),
        sa.CheckConstraint("date_until >= date_from", name=op.f("ck_unavailabilities_period_order")),
        sa.CheckConstraint("frequency BETWEEN 1 AND 3", name=op.f("ck_unavailabilities_frequency_range")),
        sa.CheckConstraint("length(remark) <= 1500", name=op.f("ck_unavailabilities_remark_length")),
        sa.CheckConstraint("weekdays BETWEEN 0 AND 127", name=op.f("ck_unavailabilities_weekdays_range")),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["unavailability_kinds.id"],
            name=op.f("fk_unavailabilities_kind_id_unavailability_kinds"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_unavailabilities_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unavailabilities")),
    )
    with op.batch_alter_table("unavailabilities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unavailabilities_kind_id"), ["kind_id"], unique=False)
        batch_op.create_index("ix_unavailabilities_user_period", ["user_id", "date_until"], unique=False)

    op.create_table(
        "consult_type_variations",
        sa.Column("consult_type_id", sa.Integer(), nullable=False),
        sa.Column("service_variation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consult_type_id"],
            ["consult_types.id"],
            name=op.f("fk_consult_type_variations_consult_type_id_consult_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_variation_id"],
            ["service_variations.id"],
            name=op.f("fk_consult_type_variations_service_variation_id_service_variations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "consult_type_id", "service_variation_id", name=op.f("pk_consult_type_variations")
        ),
    )
    with op.batch_alter_table("consult_type_variations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consult_type_variations_service_variation_id"),
            ["service_variation_id"],
            unique=False,
        )

    op.create_table(
        "consults",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("consult_type_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "beoordelen",
                "in_te_plannen",
                "ingepland",
                "af_te_melden",
                "afgehandeld",
                "afgekeurd",
                "geannuleerd",
                "beeindigd",
                "geparkeerd",
                name="consult_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("period_from", sa.Date(), nullable=True),
        sa.Column("period_until", sa.Date(), nullable=True),
        sa.Column("parked_until", sa.Date(), nullable=True),
        sa.Column("no_show_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("remark", sa.Text(), server_default="", nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "status <> 'geparkeerd' OR parked_until IS NOT NULL", name=op.f("ck_consults_parked_has_date")
        ),
        sa.CheckConstraint(
            "status NOT IN ('ingepland', 'af_te_melden', 'afgehandeld') OR (starts_at IS NOT NULL AND user_id IS NOT NULL)",
            name=op.f("ck_consults_planned_has_slot"),
        ),
        sa.CheckConstraint(
            "(starts_at IS NULL AND ends_at IS NULL) OR (starts_at IS NOT NULL AND ends_at > starts_at)",
            name=op.f("ck_consults_slot_order"),
        ),
        sa.CheckConstraint("length(remark) <= 1500", name=op.f("ck_consults_remark_length")),
        sa.CheckConstraint("no_show_count BETWEEN 0 AND 2", name=op.f("ck_consults_no_show_range")),
        sa.CheckConstraint(
            "period_until IS NULL OR period_from IS NULL OR period_until >= period_from",
            name=op.f("ck_consults_period_order"),
        ),
        sa.ForeignKeyConstraint(
            ["consult_type_id"],
            ["consult_types.id"],
            name=op.f("fk_consults_consult_type_id_consult_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_consults_contact_id_contacts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_consults_created_by_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_consults_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_consults_location_id_locations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_consults_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consults")),
    )
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consults_consult_type_id"), ["consult_type_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consults_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consults_created_by_id"), ["created_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consults_employee_id"), ["employee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consults_location_id"), ["location_id"], unique=False)
        batch_op.create_index("ix_consults_status_ends_at", ["status", "ends_at"], unique=False)
        batch_op.create_index("ix_consults_user_starts_at", ["user_id", "starts_at"], unique=False)

    _signal_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM signals WHERE kind IN ('consult_pending', 'consult_no_show')")
    _signal_kinds(OLD_KINDS)
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.drop_index("ix_consults_user_starts_at")
        batch_op.drop_index("ix_consults_status_ends_at")
        batch_op.drop_index(batch_op.f("ix_consults_location_id"))
        batch_op.drop_index(batch_op.f("ix_consults_employee_id"))
        batch_op.drop_index(batch_op.f("ix_consults_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_consults_contact_id"))
        batch_op.drop_index(batch_op.f("ix_consults_consult_type_id"))

    op.drop_table("consults")
    with op.batch_alter_table("consult_type_variations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_type_variations_service_variation_id"))

    op.drop_table("consult_type_variations")
    with op.batch_alter_table("unavailabilities", schema=None) as batch_op:
        batch_op.drop_index("ix_unavailabilities_user_period")
        batch_op.drop_index(batch_op.f("ix_unavailabilities_kind_id"))

    op.drop_table("unavailabilities")
    op.drop_table("calendar_feeds")
    with op.batch_alter_table("availabilities", schema=None) as batch_op:
        batch_op.drop_index("ix_availabilities_user_period")
        batch_op.drop_index(batch_op.f("ix_availabilities_location_id"))

    op.drop_table("availabilities")
    op.drop_table("unavailability_kinds")
    op.drop_table("locations")
    op.drop_table("consult_types")
