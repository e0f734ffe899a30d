"""What changed between two drafts of an event, in words, for conflict messages."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from planner.domain.model import Problem

SECTIONS = ("rooms", "speakers", "groups", "sessions")


def describe_edits(old: Problem, new: Problem) -> list[str]:
    """One line per part of the event that differs: ``sessions: changed logic; added lab``."""
    lines = []
    if old.event != new.event:
        lines.append("event: the header (dates, periods, title or time zone) changed")
    for section in SECTIONS:
        line = _describe_section(section, getattr(old, section), getattr(new, section))
        if line:
            lines.append(line)
    if old.rules != new.rules:
        lines.append("rules: the weights or switches changed")
    return lines


def _describe_section(name: str, old: Sequence[BaseModel], new: Sequence[BaseModel]) -> str:
    before = {getattr(item, "id"): item for item in old}  # noqa: B009 - every section item has an id
    after = {getattr(item, "id"): item for item in new}  # noqa: B009
    parts = []
    changed = [key for key in after if key in before and before[key] != after[key]]
    added = [key for key in after if key not in before]
    removed = [key for key in before if key not in after]
    for verb, keys in (("changed", changed), ("added", added), ("removed", removed)):
        if keys:
            parts.append(f"{verb} {', '.join(keys)}")
    return f"{name}: {'; '.join(parts)}" if parts else ""
