"""poortwachter carrier: who carries an employer's Poortwachter steps under a service variation (seed 001)

Revision ID: 4e7a1c9b2d58
Revises: 5e7a3c9d1b46
Create Date: 2026-12-02 00:00:00

Seed 001: with WVP "De luxe" the arbodienst takes over every WVP task, with "Op afroep" the protocol stays with
the employer. The two seeded variations get their carrier here (the column is new, so no administrator can have
set it yet); every other variation says nothing about the steps (NULL).
"""

import sqlalchemy as sa
from alembic import op

revision = "4e7a1c9b2d58"
down_revision = "5e7a3c9d1b46"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("service_variations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "poortwachter_carrier",
                sa.Enum(
                    "arbodienst",
                    "employer",
                    name="poortwachter_carrier",
                    native_enum=False,
                    create_constraint=True,
                    length=10,
                ),
                nullable=True,
            )
        )
    for name, carrier in (("WVP De luxe", "arbodienst"), ("WVP Op afroep", "employer")):
        op.execute(
            sa.text(
                "UPDATE service_variations SET poortwachter_carrier = :carrier WHERE name = :name"
            ).bindparams(carrier=carrier, name=name)
        )


def downgrade():
    with op.batch_alter_table("service_variations", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_service_variations_poortwachter_carrier"), type_="check")
        batch_op.drop_column("poortwachter_carrier")
