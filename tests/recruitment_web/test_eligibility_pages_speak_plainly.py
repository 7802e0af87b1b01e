"""What the coordinator reads on the eligibility page and the panel member on the scoring page's
read-only eligibility section is in the criteria's own words: no criterion id, exception id, rule
name or set id, and never "seed", whatever the set and whatever the result (met, not met, needs
evidence, an exception claimed)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.designation.criteria import get_set
from domain.designation.criteria.rules import RULES
from domain.recruitment.eligibility import application_check_eligibility, eligibility_result
from domain.recruitment.judgements import criterion_judge
from tests.conftest import sign_in
from tests.recruitment.selection_builders import (
    assessor_for,
    coordinated_round,
    eligibility_checked,
    settle_eligibility,
)

pytestmark = pytest.mark.django_db

SETS = {
    "yh-lle@1": {"role": "lle"},
    "national-sle@1": {"role": "sle"},
    "national-nle@1": {"role": "nle"},
    "national-nlg@1": {"role": "nlg", "phases": []},
}


def codes_of(ref: str) -> set[str]:
    """The set's ids, its criteria's and exceptions' ids and every rule's name."""
    criteria_set = get_set(ref)
    codes = {criteria_set.id, criteria_set.ref, *RULES}
    for group in criteria_set.groups:
        for c in group.criteria:
            codes.add(c.id)
            if c.exception is not None:
                codes.add(c.exception.id)
    return codes


def visible_text(response) -> str:
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text(" ").split())


def leaks(text: str, codes: set[str]) -> list[str]:
    found = [code for code in codes if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    if re.search(r"\bseed", text, re.IGNORECASE):
        found.append("seed")
    return found


def claim_an_exception(application, coordinator) -> bool:
    """Claims the exception of the first criterion that has one (the NLE routes), judged not yet."""
    criteria_set = get_set(application.criteria_set or application.round.criteria_set)
    for group in criteria_set.groups:
        for c in group.criteria:
            if c.exception is not None:
                criterion_judge(
                    actor=coordinator,
                    application=application,
                    criterion_id=c.id,
                    result="met",
                    evidence="A record of improvement seen in the references",
                    claims_exception=True,
                )
                return True
    return False


def in_state(ref, state):
    round_, coordinator = coordinated_round(criteria_set=ref, title="Selection 2026", **SETS[ref])
    application = eligibility_checked(round_, coordinator)
    if state == "met":
        settle_eligibility(application, coordinator, "met")
    elif state == "not_met":
        settle_eligibility(application, coordinator, "not_met")
    elif state == "exception":
        assert claim_an_exception(application, coordinator), "the set has an exception to claim"
        application_check_eligibility(actor=coordinator, application=application)
    application.refresh_from_db()
    return application, coordinator


@pytest.mark.parametrize(
    ("ref", "state"),
    [(ref, state) for ref in SETS for state in ("needs_evidence", "met", "not_met")]
    # Only the NLE routes have exceptions (seed 004 §11 footnotes 1 and 2).
    + [("national-nle@1", "exception")],
)
def test_no_internal_code_on_the_eligibility_and_scoring_pages(client, ref, state):
    application, coordinator = in_state(ref, state)
    result = eligibility_result(application)["result"]
    if state in ("needs_evidence", "met", "not_met"):
        assert result == state, f"the application reached {result}"
    codes = codes_of(ref)

    sign_in(client, coordinator)
    eligibility = visible_text(client.get(reverse("selection:eligibility", args=[application.pk])))
    assert not leaks(eligibility, codes), f"the eligibility page shows {leaks(eligibility, codes)}: {eligibility}"

    sign_in(client, assessor_for(application.round))
    scoring = visible_text(client.get(reverse("selection:assessment", args=[application.pk])))
    assert "The eligibility check" in scoring
    assert not leaks(scoring, codes), f"the scoring page shows {leaks(scoring, codes)}: {scoring}"
