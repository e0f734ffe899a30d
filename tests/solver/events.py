"""Small events for solver tests, built from plain data so each test shows what it changes."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from ortools.sat.python import cp_model

from planner.domain.model import Problem
from planner.io.files import problem_from_data
from solver import counting

BASE: dict[str, Any] = {
    "event": {
        "id": "tiny",
        "title": "Tiny workshop",
        "timezone": "Europe/Berlin",
        "start": "2026-03-23",
        "end": "2026-03-27",
        "periods": [
            {"id": "am1", "start": "09:00", "end": "10:00"},
            {"id": "am2", "start": "10:00", "end": "11:00"},
            {"id": "pm1", "start": "14:00", "end": "15:00"},
        ],
    },
    "rooms": [
        {"id": "a", "name": "Room A", "capacity": 30, "features": ["projector"], "building": "West"},
        {"id": "b", "name": "Room B", "capacity": 12, "building": "East"},
    ],
    "speakers": [
        {"id": "ada", "name": "Ada Lovelace"},
        {"id": "alan", "name": "Alan Turing"},
        {"id": "grace", "name": "Grace Hopper"},
    ],
    "groups": [{"id": "g1", "name": "Group 1", "size": 10}],
    "sessions": [],
}


def event(sessions: list[dict[str, Any]], **sections: Any) -> Problem:
    """The base week (Mon 2026-03-23 to Fri, three periods) with these sessions and sections replaced."""
    data = copy.deepcopy(BASE)
    data["sessions"] = sessions
    for name, value in sections.items():
        if name == "event":
            data["event"].update(value)
        else:
            data[name] = value
    return problem_from_data(data)


def cp_sat_searches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Spy on CP-SAT: for each search of a timetable from now on, whether it ran its
    neighbourhoods alone (``use_lns_only``); the counting models of ``solver.counting`` are not
    timetables."""
    seen: list[bool] = []
    real = cp_model.CpSolver.solve

    def solve(self: cp_model.CpSolver, model: cp_model.CpModel, *args: Any, **kwargs: Any) -> Any:
        if model.name != counting.NAME:
            seen.append(self.parameters.use_lns_only)
        return real(self, model, *args, **kwargs)

    monkeypatch.setattr(cp_model.CpSolver, "solve", solve)
    return seen
