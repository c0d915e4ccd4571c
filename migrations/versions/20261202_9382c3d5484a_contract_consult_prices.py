"""contract consult prices: a contract model prices consult types; a consult keeps the price that applied

Revision ID: 9382c3d5484a
Revises: f902f86722f9
Create Date: 2026-12-02 03:40:00

Seed 001: the agreements (their contract models) price the consult types ("spreekuursoorten"). A contract
model's price for a consult type beats the type's list price; a consult stores the price that applied when it
was planned and held, so the Productrapportage sums what was agreed then.
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "9382c3d5484a"
down_revision = "f902f86722f9"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contract_consult_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_model_id", sa.Integer(), nullable=False),
        sa.Column("consult_type_id", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint("price >= 0", name=op.f("ck_contract_consult_prices_price_not_negative")),
        sa.ForeignKeyConstraint(
            ["consult_type_id"],
            ["consult_types.id"],
            name=op.f("fk_contract_consult_prices_consult_type_id_consult_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contract_model_id"],
            ["contract_models.id"],
            name=op.f("fk_contract_consult_prices_contract_model_id_contract_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_consult_prices")),
        sa.UniqueConstraint(
            "contract_model_id",
            "consult_type_id",
            name=op.f("uq_contract_consult_prices_contract_model_id_consult_type_id"),
        ),
    )
    with op.batch_alter_table("contract_consult_prices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_consult_prices_consult_type_id"), ["consult_type_id"], unique=False
        )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("consults", schema=None) as batch_op:
            batch_op.add_column(sa.Column("price", sa.Numeric(precision=12, scale=2), nullable=True))
            batch_op.create_check_constraint(
                batch_op.f("ck_consults_price_not_negative"), "price IS NULL OR price >= 0"
            )


def downgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("consults", schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f("ck_consults_price_not_negative"), type_="check")
            batch_op.drop_column("price")
    with op.batch_alter_table("contract_consult_prices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_consult_prices_consult_type_id"))
    op.drop_table("contract_consult_prices")
