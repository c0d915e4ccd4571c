"""programmes: a spoor-2 flag, set for the programmes whose characteristics already said "Spoor 2: ..."

Revision ID: b653fc7ec174
Revises: 396c974ab9af
Create Date: 2026-12-02 00:30:00

Starting a spoor-2 programme before the plan van aanpak is recorded warns the case manager (casework.cautions).
"""

import sqlalchemy as sa
from alembic import op

revision = "b653fc7ec174"
down_revision = "396c974ab9af"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spoor_2", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute(
        "UPDATE programmes SET spoor_2 = true WHERE id IN (SELECT pc.programme_id FROM programme_characteristics pc"
        " JOIN characteristics c ON c.id = pc.characteristic_id WHERE lower(c.name) LIKE 'spoor 2%')"
    )


def downgrade():
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_column("spoor_2")
