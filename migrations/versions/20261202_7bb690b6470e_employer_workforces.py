"""employer workforces (personeelsbestand): headcount and fte per employer per period

Revision ID: 7bb690b6470e
Revises: 178b06a52328
Create Date: 2026-12-02 07:00:00

The absence figures (casework.absence_figures) count available days over an employer's whole workforce where it
is known, instead of over the employees Traject happens to know (those reported sick). A new table only: no
watched table is rebuilt, so the scan's change triggers are untouched.
"""

import sqlalchemy as sa
from alembic import op

revision = "7bb690b6470e"
down_revision = "178b06a52328"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "employer_workforces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("fte", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name=op.f("ck_employer_workforces_period_in_order"),
        ),
        sa.CheckConstraint(
            "headcount >= 1 AND headcount <= 1000000", name=op.f("ck_employer_workforces_headcount_in_range")
        ),
        sa.CheckConstraint(
            "fte > 0 AND fte * 38 <= headcount * 60", name=op.f("ck_employer_workforces_fte_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employers.id"],
            name=op.f("fk_employer_workforces_employer_id_employers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer_workforces")),
        sa.UniqueConstraint(
            "employer_id", "valid_from", name=op.f("uq_employer_workforces_employer_id_valid_from")
        ),
    )
    with op.batch_alter_table("employer_workforces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_workforces_employer_id"), ["employer_id"], unique=False)


def downgrade():
    with op.batch_alter_table("employer_workforces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_workforces_employer_id"))
    op.drop_table("employer_workforces")
