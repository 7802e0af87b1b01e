"""Application forms are the region's own data, like criteria sets and grids (issue 14, item 6):
the five forms written in code are loaded by a migration as the first versions, agreed on adoption;
a round reads the stored version it names; a new round takes its role's form in force; a draft's
sections and declarations are changed box by box, agreed by the board and put in force."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from domain.audit.models import AuditEvent
from domain.designation.criteria.sets import CriteriaSetError
from domain.designation.criteria_models import ON_ADOPTION, CriteriaKind, CriteriaStatus, CriteriaVersion
from domain.designation.criteria_services import (
    CriteriaRefused,
    criteria_agree,
    criteria_draft_reword,
    criteria_draft_start,
    criteria_put_in_force,
)
from domain.designation.criteria_wording import wording_parts
from domain.recruitment.application_form import FORM_FOR_ROLE, FORMS, LLE_FORM, NLE_FORM, REGIONAL_FORM, form_for
from domain.recruitment.form_documents import document_of, form_choices, parse_form, stored_form
from domain.recruitment.services import RecruitmentRefused
from tests.designation.criteria_versions.test_criteria_changes import representative
from tests.recruitment.helpers import make_round

pytestmark = pytest.mark.django_db

migration = importlib.import_module("domain.designation.migrations.0005_application_forms_as_data")
TODAY = dt.date(2026, 11, 22)


def form_row(set_id, version=1):
    return CriteriaVersion.objects.get(kind=CriteriaKind.FORM, set_id=set_id, version=version)


def test_the_migration_loads_the_five_forms_agreed_on_adoption():
    rows = {r.ref: r for r in CriteriaVersion.objects.filter(kind=CriteriaKind.FORM)}
    assert set(rows) == set(FORMS)
    assert all(r.agreed_by == ON_ADOPTION for r in rows.values())
    # The first LLE form is kept for the rounds made on it; new LLE rounds take the form that
    # asks for posts.
    assert rows["yh-2017@1"].status == CriteriaStatus.SUPERSEDED
    in_force = {r.role: r.ref for r in rows.values() if r.status == CriteriaStatus.IN_FORCE}
    assert in_force == {role: form.version for role, form in FORM_FOR_ROLE.items()}
    assert (rows["yh-lle-2026@1"].region, rows["sle-2026@1"].region) == ("YH", "national")


def test_each_stored_form_is_the_code_it_came_from():
    for version, form in FORMS.items():
        assert stored_form(form_row(*version.split("@")[:1], int(version.split("@")[1]))) == form


def test_the_data_migration_makes_the_forms_again_and_leaves_existing_ones():
    CriteriaVersion.objects.filter(kind=CriteriaKind.FORM, set_id="sle-2026").delete()
    CriteriaVersion.objects.filter(kind=CriteriaKind.FORM, set_id="nlg-2026").update(title="Kept as it is")
    migration.load_first_forms(apps, None)
    assert form_row("sle-2026").status == CriteriaStatus.IN_FORCE
    assert form_row("nlg-2026").title == "Kept as it is"
    assert CriteriaVersion.objects.filter(kind=CriteriaKind.FORM).count() == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(sections=[]), r"nle-2026 version 1: sections: give at least one section"),
        (
            lambda d: d["sections"][1].update(title=" "),
            r"sections\[1\] \('mat_performance'\)\.title: give a non-empty text",
        ),
        (lambda d: d["sections"][0].update(required="yes"), r"sections\[0\] .*\.required: give true or false"),
        (lambda d: d["sections"][0].update(route="moon"), r"\.route: 'moon' is not one of the form's routes"),
        (lambda d: d["declarations"][0].update(text=""), r"declarations\[0\] \('information_true'\)\.text"),
        (lambda d: d.update(role="king"), r"role: 'king' is not one of lle, sle, nle, nlg"),
        (lambda d: d["sections"].append(d["sections"][0]), r"the key 'beacon_performance' is used twice"),
    ],
)
def test_a_malformed_form_is_refused_with_one_message_naming_the_entry(change, message):
    document = document_of(NLE_FORM)
    change(document)
    with pytest.raises(CriteriaSetError, match=message):
        parse_form(document, file="nle-2026 version 1")


def test_a_round_reads_the_stored_version_it_names():
    round_ = make_round(form_version=None)
    assert round_.form_version == LLE_FORM.version
    row = form_row("yh-lle-2026")
    document = {**row.document}
    document["sections"] = [{**document["sections"][0], "title": "Your headship, as stored"}, *document["sections"][1:]]
    CriteriaVersion.objects.filter(pk=row.pk).update(document=document)
    round_.refresh_from_db()
    assert form_for(round_).sections[0].title == "Your headship, as stored"
    assert form_for(make_round()) == REGIONAL_FORM  # the first form's rounds keep it


def _new_lle_form_in_force(rep):
    draft = criteria_draft_start(actor=rep, source=form_row("yh-lle-2026"))
    criteria_draft_reword(actor=rep, draft=draft, values={"s0.title": "Your years as a headteacher"})
    criteria_agree(actor=rep, version=draft, agreed_by="Regional board", agreed_on=TODAY)
    return criteria_put_in_force(actor=rep, version=draft)


def test_a_new_round_takes_the_form_in_force_and_earlier_rounds_keep_theirs():
    rep = representative()
    before = make_round(form_version=None)
    version_2 = _new_lle_form_in_force(rep)
    after = make_round(form_version=None)
    assert (before.form_version, after.form_version) == ("yh-lle-2026@1", "yh-lle-2026@2")
    assert form_for(after).sections[0].title == "Your years as a headteacher"
    assert form_for(before).sections[0].title == LLE_FORM.sections[0].title
    assert form_row("yh-lle-2026").status == CriteriaStatus.SUPERSEDED
    assert version_2.ref == "yh-lle-2026@2"


def test_a_round_may_be_made_on_an_agreed_form_but_not_a_draft_or_an_unknown_one():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=form_row("sle-2026"))
    with pytest.raises(RecruitmentRefused, match="Choose an application form"):
        make_round(role="sle", criteria_set="national-sle@1", form_version=draft.ref)
    criteria_agree(actor=rep, version=draft, agreed_by="Regional board", agreed_on=TODAY)
    round_ = make_round(role="sle", criteria_set="national-sle@1", form_version=draft.ref)
    assert round_.form_version == "sle-2026@2"
    with pytest.raises(RecruitmentRefused, match="Choose an application form"):
        make_round(form_version="yh-lle-2026@x")


def test_the_choice_of_forms_is_the_agreed_and_in_force_ones_of_the_regions():
    choices = dict(form_choices({"YH"}))
    assert "yh-2017@1" not in choices  # kept for its rounds, no longer chosen
    assert choices["yh-lle-2026@1"] == "Local leader of education application form (version 1)"
    assert "sle-2026@1" in choices
    assert "yh-lle-2026@1" not in dict(form_choices({"L"}))


def test_a_form_drafts_section_titles_hints_required_and_declarations_change_box_by_box():
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=form_row("nle-2026"))
    parts = {p.key: p for p in wording_parts(draft.kind, draft.document)}
    assert parts["s2.required"].value is False and parts["s2.required"].kind == "yes_no"
    assert parts["s0.hint"].kind == "optional_text"
    assert parts["d0.text"].value == "The information in this application is true and complete"
    criteria_draft_reword(
        actor=rep,
        draft=draft,
        values={"s2.required": True, "s1.hint": "", "d0.text": "All I have written is true"},
    )
    form = stored_form(form_row("nle-2026", 2))
    assert form.sections[2].required is True
    assert form.sections[1].hint == ""
    assert form.declarations[0].text == "All I have written is true"
    assert form.sections[0].criteria == NLE_FORM.sections[0].criteria  # what is not offered is kept
    assert AuditEvent.objects.filter(action="designation.criteria.edited", data__how="wording").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"s0.title": "  "}, "Enter the wording of the title of section 1"),
        ({"s0.required": "maybe"}, "Say whether section 1 must be answered"),
        ({"d0.text": "x" * 2001}, "Declaration 1 must be 2,000 characters or fewer"),
    ],
)
def test_a_bad_change_to_a_forms_draft_is_refused_and_changes_nothing(values, message):
    rep = representative()
    draft = criteria_draft_start(actor=rep, source=form_row("sle-2026"))
    before = dict(draft.document)
    with pytest.raises(CriteriaRefused, match=message):
        criteria_draft_reword(actor=rep, draft=draft, values=values)
    assert form_row("sle-2026", 2).document == before
