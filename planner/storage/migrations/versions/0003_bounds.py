"""Lower bounds proven on an event's cost, by the event's exact content: ``bounds``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bounds",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=80), nullable=False),
        sa.Column("bound", sa.Integer(), nullable=False),
        sa.Column("proven_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_bounds")),
    )


def downgrade() -> None:
    op.drop_table("bounds")
