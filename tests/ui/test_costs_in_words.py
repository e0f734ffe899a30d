"""Soft costs in the app's words: every rule's cost reads in Chinese and English from its facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.domain.model import Weights
from planner.domain.oracle import check_schedule
from planner.domain.schedule import Cost
from planner.io.files import read_problem
from tests.domain.test_oracle_soft import _two, place
from tests.factories import greedy_schedule
from tests.solver.events import event
from ui.i18n import explain, rule_name

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _samples() -> list[Cost]:
    """The samples' greedy schedules, the conference's with ``track_room`` (off by default) on."""
    costs = []
    for name in ("office-training-2026.yaml", "tech-conference.yaml"):
        problem = read_problem(SAMPLES / name)
        weights = problem.rules.weights.model_copy(update={"track_room": 1})
        problem = problem.model_copy(update={"rules": problem.rules.model_copy(update={"weights": weights})})
        costs += check_schedule(problem, greedy_schedule(problem)).costs
    return costs


def _hand_placed() -> list[Cost]:
    """The rules the greedy sample schedules do not break: min_days, capacity and the three changes."""
    problem = _two(occurrences=3)
    days = place(problem, ("x", 1, 0, 0, "a"), ("x", 2, 0, 1, "a"), ("x", 3, 1, 0, "a"), ("y", 1, 1, 1, "a"))
    costs = check_schedule(problem, days).costs
    crowded = event([{"id": "x", "title": "X", "attendance": 20}], rules={"capacity": "soft"})
    costs += check_schedule(crowded, place(crowded, ("x", 1, 0, 0, "b"))).costs
    picked = {"candidates": {"from": ["ada", "alan"], "pick": 1}}
    moved = event(
        [{"id": "x", "title": "X"}, {"id": "y", "title": "Y", **picked}], event={"end": "2026-04-24"}
    )
    old = place(moved, ("x", 1, 15, 0, "a"), ("y", 1, 15, 1, "a"))
    old = old.model_copy(
        update={
            "assignments": (old.assignments[0], old.assignments[1].model_copy(update={"speakers": ("ada",)}))
        }
    )
    new = place(moved, ("x", 1, 16, 0, "a"), ("y", 1, 15, 1, "b"))
    new = new.model_copy(
        update={
            "assignments": (new.assignments[0], new.assignments[1].model_copy(update={"speakers": ("alan",)}))
        }
    )
    return costs + check_schedule(moved, new, old).costs


@pytest.fixture(scope="module")
def costs() -> list[Cost]:
    return _samples() + _hand_placed()


def test_every_rule_has_a_name_and_its_costs_have_facts(costs: list[Cost]) -> None:
    rules = set(Weights.model_fields)
    assert {c.rule for c in costs} == rules
    assert {c.facts["change"] for c in costs if c.rule == "stability"} == {"time", "room", "speakers"}
    for rule in rules:
        assert rule_name(rule, "zh") != rule
        assert rule_name(rule, "en") != rule
    assert all(c.facts for c in costs)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_cost_is_worded_from_its_facts(costs: list[Cost], language: str) -> None:
    for cost in costs:
        words = explain(cost, language)
        assert words != cost.message or language == "en", cost
        assert not re.search(r"[{}]", words), words
    if language == "zh":
        assert all(re.search(r"[\u4e00-\u9fff]", explain(c, "zh")) for c in costs)


def test_office_costs_read_in_chinese_with_names_not_ids() -> None:
    problem = read_problem(SAMPLES / "office-training-2026.yaml")
    report = check_schedule(problem, greedy_schedule(problem))
    words = {c.rule: explain(c, "zh") for c in report.costs}
    assert re.fullmatch(r"\S+要来 \d+ 天", words["speaker_days"])
    assert re.fullmatch(r"\S+讲 \d+ 次，\S+讲 \d+ 次", words["fair_load"])
    assert re.fullmatch(
        r"[一二三]班 2026-\d\d-\d\d (上午|下午)第[一二]节的“.+”第 \d 讲前后都没有课", words["isolated"]
    )
    ids = {k.id for k in problem.speakers} | {g.id for g in problem.groups}
    assert not any(identifier in text for text in words.values() for identifier in ids)


def test_a_cost_without_facts_keeps_the_planners_message() -> None:
    old = Cost(rule="speaker_days", cost=2, message="'Ada' comes on 3 days")
    assert explain(old, "zh") == "'Ada' comes on 3 days"
    unknown = Cost(rule="speaker_days", cost=2, message="m", facts={"who": "Ada"})
    assert explain(unknown, "zh") == "m"
