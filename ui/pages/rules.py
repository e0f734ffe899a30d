"""Rules page: the weight of each soft rule, each explained in a sentence."""

from __future__ import annotations

import streamlit as st

from planner.domain.model import MAX_TRAVEL_MINUTES, MAX_WEIGHT, Problem, Weights
from planner.usecases.edit import update_rules
from ui.i18n import lang, rule_name, t
from ui.widgets import choose, page_header, require_problem, save


def rules_form(problem: Problem) -> None:
    settings = problem.rules
    with st.form("rules"):
        weights = {}
        for name in Weights.model_fields:
            label, explanation = st.columns([1, 3], vertical_alignment="center")
            weights[name] = label.number_input(
                f"{rule_name(name)}（{name}）" if lang() == "zh" else f"{rule_name(name)} ({name})",
                min_value=0,
                max_value=MAX_WEIGHT,
                value=getattr(settings.weights, name),
                step=1,
                key=f"w_{name}",
            )
            explanation.markdown(t(f"rule.{name}"))
        options = {c: t(f"rules.capacity.{c}") for c in ("hard", "soft")}
        capacity = choose(
            st.radio, t("rules.capacity"), options, "capacity", index=settings.capacity, horizontal=True
        )
        travel = st.number_input(
            t("rules.travel"),
            min_value=0,
            max_value=MAX_TRAVEL_MINUTES,
            value=settings.travel_minutes,
            step=5,
        )
        if st.form_submit_button(t("rules.save")):
            save(update_rules(problem, weights, capacity, int(travel)))


page_header("rules")
current = require_problem()
if current is not None:
    st.caption(t("rules.intro"))
    rules_form(current)
