"""Huiwu's planner: the domain, use-cases, event files, storage and exports."""
