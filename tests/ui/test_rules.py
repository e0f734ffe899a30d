"""Rules page: one weight per soft rule, each explained; saving respects the conflict rule."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.domain.model import Weights
from planner.storage import database_url, open_store
from tests.ui.conftest import MINIMAL, problem_of, upload
from ui.i18n import rule_name


def rules_page(app: AppTest) -> AppTest:
    upload(app, MINIMAL)
    return app.switch_page("pages/rules.py").run()


def test_rules_every_weight_explained(app: AppTest) -> None:
    rules_page(app)
    labels = [w.label for w in app.number_input][: len(Weights.model_fields)]
    assert labels == [f"{rule_name(name, 'en')} ({name})" for name in Weights.model_fields]
    assert labels[:2] == ["Spread over days (min_days)", "Spread over weeks (spread_weeks)"]
    assert len(app.markdown) >= len(Weights.model_fields)
    app.session_state["lang"] = "zh"
    app.run()
    assert [w.label for w in app.number_input][3] == "课时均衡（fair_load）"


def test_rules_weight_saved(app: AppTest) -> None:
    rules_page(app)
    app.number_input(key="w_isolated").set_value(7)
    app.button(key="FormSubmitter:rules-Save the rules").click().run()
    assert app.exception == []
    assert problem_of(app).rules.weights.isolated == 7


def test_rules_stale_save_refused_with_reason(app: AppTest) -> None:
    rules_page(app)
    store = open_store(database_url())
    draft = store.draft("mini")
    changed = draft.problem.model_copy(
        update={"rules": draft.problem.rules.model_copy(update={"travel_minutes": 30})}
    )
    store.save_draft(changed, base=draft.revision, by="another tab", now=draft.saved_at)
    app.number_input(key="w_isolated").set_value(7)
    app.button(key="FormSubmitter:rules-Save the rules").click().run()
    assert app.exception == []
    assert len(app.error) == 1
    assert app.error[0].value.startswith(
        "event 'mini': your edit started from revision 1, but revision 2 was saved"
    )
    assert problem_of(app).rules.weights.isolated == 2
    assert app.button(key="reload").label == "Reload from the database"
