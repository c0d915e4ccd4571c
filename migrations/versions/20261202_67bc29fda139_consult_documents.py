"""consult documents: the invitation and the report of a consult are documents of the dossier

Revision ID: 67bc29fda139
Revises: c41e9a7d2f03
Create Date: 2026-12-02 03:10:00

A document now belongs to a trajectory or to a consult; a consult type names the document templates of its
invitation and its report (empty: the seeded "Uitnodiging gesprek" and "Verslag gesprek").
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "67bc29fda139"
down_revision = "c41e9a7d2f03"
branch_labels = None
depends_on = None


def upgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("consult_types", schema=None) as batch_op:
            for column in ("invitation_template_id", "report_template_id"):
                batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
                batch_op.create_index(batch_op.f(f"ix_consult_types_{column}"), [column], unique=False)
                batch_op.create_foreign_key(
                    batch_op.f(f"fk_consult_types_{column}_document_templates"),
                    "document_templates",
                    [column],
                    ["id"],
                    ondelete="RESTRICT",
                )
        with op.batch_alter_table("documents", schema=None) as batch_op:
            batch_op.alter_column("trajectory_id", existing_type=sa.Integer(), nullable=True)
            batch_op.add_column(sa.Column("consult_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f("ix_documents_consult_id"), ["consult_id"], unique=False)
            batch_op.create_foreign_key(
                batch_op.f("fk_documents_consult_id_consults"),
                "consults",
                ["consult_id"],
                ["id"],
                ondelete="CASCADE",
            )
            batch_op.create_check_constraint(
                batch_op.f("ck_documents_has_owner"), "trajectory_id IS NOT NULL OR consult_id IS NOT NULL"
            )


def downgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        op.execute("DELETE FROM documents WHERE trajectory_id IS NULL")
        with op.batch_alter_table("documents", schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f("ck_documents_has_owner"), type_="check")
            batch_op.drop_constraint(batch_op.f("fk_documents_consult_id_consults"), type_="foreignkey")
            batch_op.drop_index(batch_op.f("ix_documents_consult_id"))
            batch_op.drop_column("consult_id")
            batch_op.alter_column("trajectory_id", existing_type=sa.Integer(), nullable=False)
        with op.batch_alter_table("consult_types", schema=None) as batch_op:
            for column in ("report_template_id", "invitation_template_id"):
                batch_op.drop_constraint(
                    batch_op.f(f"fk_consult_types_{column}_document_templates"), type_="foreignkey"
                )
                batch_op.drop_index(batch_op.f(f"ix_consult_types_{column}"))
                batch_op.drop_column(column)
