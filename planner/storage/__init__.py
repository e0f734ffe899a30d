"""Storage: plans as drafts and numbered published versions, feed tokens, the notice outbox.

SQLAlchemy 2 over SQLite (default) or PostgreSQL; the schema is managed by the
Alembic migrations in ``migrations/`` and upgraded whenever a database is opened.
"""

from planner.storage.changes import Change, Changes, Revision, diff
from planner.storage.engine import database_url, open_engine
from planner.storage.outbox import Notice, Outbox
from planner.storage.repository import Draft, Store, Version, open_store
from planner.storage.tokens import Feed, OpenFeed, Tokens

__all__ = [
    "Change",
    "Changes",
    "Draft",
    "Feed",
    "Notice",
    "OpenFeed",
    "Outbox",
    "Revision",
    "Store",
    "Tokens",
    "Version",
    "database_url",
    "diff",
    "open_engine",
    "open_store",
]
