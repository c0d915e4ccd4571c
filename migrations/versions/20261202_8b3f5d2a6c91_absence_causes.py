"""absence causes: the configurable non-medical causes of absence (seed 002), each with the programme
characteristics that fit it, and the cause recorded on a trajectory

Revision ID: 8b3f5d2a6c91
Revises: 4e7a1c9b2d58
Create Date: 2026-12-02 00:04:28

The seeded causes are added by `traject init` (casework/seed.py), not here, so an administrator's list is never
overwritten.
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "8b3f5d2a6c91"
down_revision = "4e7a1c9b2d58"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "absence_causes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_absence_causes_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence_causes")),
        sa.UniqueConstraint("name", name=op.f("uq_absence_causes_name")),
    )
    op.create_table(
        "absence_cause_characteristics",
        sa.Column("absence_cause_id", sa.Integer(), nullable=False),
        sa.Column("characteristic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["absence_cause_id"],
            ["absence_causes.id"],
            name=op.f("fk_absence_cause_characteristics_absence_cause_id_absence_causes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["characteristic_id"],
            ["characteristics.id"],
            name=op.f("fk_absence_cause_characteristics_characteristic_id_characteristics"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "absence_cause_id", "characteristic_id", name=op.f("pk_absence_cause_characteristics")
        ),
    )
    with op.batch_alter_table("absence_cause_characteristics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_absence_cause_characteristics_characteristic_id"),
            ["characteristic_id"],
            unique=False,
        )

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("trajectories", schema=None) as batch_op:
            batch_op.add_column(sa.Column("absence_cause_id", sa.Integer(), nullable=True))
            batch_op.create_index(
                batch_op.f("ix_trajectories_absence_cause_id"), ["absence_cause_id"], unique=False
            )
            batch_op.create_foreign_key(
                batch_op.f("fk_trajectories_absence_cause_id_absence_causes"),
                "absence_causes",
                ["absence_cause_id"],
                ["id"],
                ondelete="RESTRICT",
            )


def downgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("trajectories", schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f("fk_trajectories_absence_cause_id_absence_causes"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f("ix_trajectories_absence_cause_id"))
            batch_op.drop_column("absence_cause_id")

    with op.batch_alter_table("absence_cause_characteristics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_cause_characteristics_characteristic_id"))

    op.drop_table("absence_cause_characteristics")
    op.drop_table("absence_causes")
