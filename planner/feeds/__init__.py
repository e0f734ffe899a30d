"""The calendar feed server (FastAPI, served by uvicorn): one secret URL per feed."""
