"""The SLE and NLG sets ship as drafts a region can edit, and work on an example."""

from domain.designation.criteria import MET, NEEDS_EVIDENCE, NOT_MET

from .builders import changed, evaluation, graded, inspections, judge, met, post, posts


def sle_facts():
    return {
        "as_of": "2026-11-22",
        "person": {"post": "deputy_head", "posts": [{"role": "deputy_head", "start": "2022-09-01", "end": None}]},
        "schools": [{"urn": 1, "name": "Example School", "inspections": [graded("2024-05-01", "good")]}],
        "declarations": {"sle_headteacher_support": True, "sle_time_commitment": True},
        "judgements": {"sle_specialism": met("Maths"), "sle_develops_leaders": met()},
    }


def test_an_sle_draft_meets_with_every_criterion():
    result = evaluation("national-sle@1", sle_facts())
    assert result.status == "draft"
    assert result.result == MET, result.reason


def test_an_sle_draft_refuses_a_headteacher_and_a_short_career():
    raw = changed(sle_facts(), post("headteacher"), posts(("deputy_head", "2025-09-01", None)))
    result = evaluation("national-sle", raw)
    assert result.result == NOT_MET
    assert "be a middle or senior leader (Criteria for the leader)" in result.reason
    assert "have at least 2 years of experience as a middle or senior leader" in result.reason


def test_an_sle_school_with_a_report_card_needs_evidence():
    raw = changed(sle_facts(), inspections({"date": "2026-01-10", "kind": "report_card"}, urn=1))
    assert evaluation("national-sle", raw).result == NEEDS_EVIDENCE


def test_an_nlg_draft_from_a_chair_of_governors():
    raw = {
        "as_of": "2026-11-22",
        "person": {"post": "chair_of_governors"},
        "declarations": {"nlg_time_commitment": True},
        "judgements": {},
    }
    result = evaluation("national-nlg", raw)
    assert result.result == NEEDS_EVIDENCE
    raw = changed(raw, judge("nlg_highly_effective", met()), judge("nlg_review_experience", met()))
    assert evaluation("national-nlg", raw).result == MET
    assert evaluation("national-nlg", changed(raw, post("headteacher"))).result == NOT_MET
