"""provider upload links: a personal, expiring, revocable link per trajectory; uploaded reports as documents

Revision ID: 396c974ab9af
Revises: 3cb7ea16b310
Create Date: 2026-12-02 00:10:00

Only the SHA-256 hash of a link's secret is stored; at most one link per trajectory is not revoked (a partial
unique index). A document records where it came from (generated or uploaded by the provider), the link it came
through and the file name it was uploaded with.
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "396c974ab9af"
down_revision = "3cb7ea16b310"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "upload_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trajectory_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("expires_at > created_at", name=op.f("ck_upload_links_expires_after_created")),
        sa.CheckConstraint(
            "revoked_at IS NULL OR revoked_at >= created_at",
            name=op.f("ck_upload_links_revoked_after_created"),
        ),
        sa.ForeignKeyConstraint(
            ["trajectory_id"],
            ["trajectories.id"],
            name=op.f("fk_upload_links_trajectory_id_trajectories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_upload_links_created_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"],
            ["users.id"],
            name=op.f("fk_upload_links_revoked_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload_links")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_upload_links_secret_hash")),
    )
    with op.batch_alter_table("upload_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_upload_links_trajectory_id"), ["trajectory_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_upload_links_created_by_id"), ["created_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_upload_links_revoked_by_id"), ["revoked_by_id"], unique=False)
        batch_op.create_index(
            "uq_upload_links_active_trajectory",
            ["trajectory_id"],
            unique=True,
            sqlite_where=sa.text("revoked_at IS NULL"),
            postgresql_where=sa.text("revoked_at IS NULL"),
        )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("documents", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "origin",
                    sa.Enum(
                        "generated",
                        "provider",
                        name="document_origin",
                        native_enum=False,
                        create_constraint=True,
                        length=9,
                    ),
                    server_default="generated",
                    nullable=False,
                )
            )
            batch_op.add_column(sa.Column("upload_link_id", sa.Integer(), nullable=True))
            batch_op.add_column(
                sa.Column("filename", sa.String(length=255), server_default="", nullable=False)
            )
            batch_op.create_index(batch_op.f("ix_documents_upload_link_id"), ["upload_link_id"], unique=False)
            batch_op.create_foreign_key(
                batch_op.f("fk_documents_upload_link_id_upload_links"),
                "upload_links",
                ["upload_link_id"],
                ["id"],
                ondelete="SET NULL",
            )


def downgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("documents", schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f("fk_documents_upload_link_id_upload_links"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f("ix_documents_upload_link_id"))
            batch_op.drop_constraint(batch_op.f("ck_documents_document_origin"), type_="check")
            batch_op.drop_column("filename")
            batch_op.drop_column("upload_link_id")
            batch_op.drop_column("origin")
    with op.batch_alter_table("upload_links", schema=None) as batch_op:
        batch_op.drop_index("uq_upload_links_active_trajectory")
        batch_op.drop_index(batch_op.f("ix_upload_links_revoked_by_id"))
        batch_op.drop_index(batch_op.f("ix_upload_links_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_upload_links_trajectory_id"))
    op.drop_table("upload_links")
