from tests.storage.databases import database_url, postgres_url, store

__all__ = ["database_url", "postgres_url", "store"]
