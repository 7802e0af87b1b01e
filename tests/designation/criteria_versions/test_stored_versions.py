"""Criteria sets and assessment grids are the region's own data (issue 14): the first versions are
loaded by a migration from the JSON files, in force and agreed on adoption; loading goes through
the database, validated by the same parser."""

import importlib

import pytest
from django.apps import apps

from domain.designation.criteria import CriteriaSetError, get_set, load_sets
from domain.designation.criteria.grids import load_grids
from domain.designation.criteria.sets import in_force_ref, set_choices, set_label
from domain.designation.criteria_models import ON_ADOPTION, CriteriaKind, CriteriaStatus, CriteriaVersion
from domain.designation.criteria_selectors import grid_by_ref, in_force_grid_row
from domain.recruitment.assessment import NLE_GRID, REGIONAL_GRID

pytestmark = pytest.mark.django_db

migration = importlib.import_module("domain.designation.migrations.0004_criteria_sets_as_data")


def test_the_migration_loads_every_file_as_a_first_version_in_force_agreed_on_adoption():
    rows = {(r.kind, r.set_id): r for r in CriteriaVersion.objects.exclude(kind=CriteriaKind.FORM)}
    assert set(rows) == {
        ("set", "yh-lle"),
        ("set", "national-nle"),
        ("set", "national-sle"),
        ("set", "national-nlg"),
        ("grid", "regional-grid"),
        ("grid", "national-nle-grid"),
    }
    for row in rows.values():
        assert (row.version, row.status, row.agreed_by) == (1, CriteriaStatus.IN_FORCE, ON_ADOPTION)
        assert "status" not in row.document  # a stored version's status is its row's
    assert (rows["set", "yh-lle"].role, rows["set", "yh-lle"].region) == ("lle", "YH")
    assert (rows["grid", "national-nle-grid"].role, rows["grid", "regional-grid"].role) == ("nle", "")


def test_the_data_migration_makes_the_versions_again_and_leaves_existing_ones():
    CriteriaVersion.objects.filter(set_id="yh-lle").delete()
    CriteriaVersion.objects.filter(set_id="national-nle").update(title="Kept as it is")

    migration.load_first_versions(apps, None)

    assert CriteriaVersion.objects.get(set_id="yh-lle").status == CriteriaStatus.IN_FORCE
    assert CriteriaVersion.objects.get(set_id="national-nle").title == "Kept as it is"
    assert CriteriaVersion.objects.exclude(kind=CriteriaKind.FORM).count() == 6


def test_the_stored_sets_and_grids_are_the_files_they_came_from():
    for on_file in load_sets():
        stored = get_set(on_file.ref)
        assert (stored.groups, stored.role, stored.region, stored.outcome) == (
            on_file.groups,
            on_file.role,
            on_file.region,
            on_file.outcome,
        )
        assert stored.status == "published"  # in force
    for on_file in load_grids():
        assert grid_by_ref(on_file.ref).competencies == on_file.competencies
    assert in_force_grid_row("nle").set_id == "national-nle-grid"
    assert in_force_grid_row("lle").set_id == "regional-grid"
    assert grid_by_ref("national-nle-grid@1").competencies == NLE_GRID
    assert grid_by_ref("regional-grid@1").competencies == REGIONAL_GRID


def test_without_a_version_the_set_in_force_is_read():
    CriteriaVersion.objects.create(
        kind=CriteriaKind.SET,
        set_id="yh-lle",
        version=2,
        role="lle",
        region="YH",
        title="Next",
        status=CriteriaStatus.DRAFT,
        document={**CriteriaVersion.objects.get(set_id="yh-lle").document, "version": 2},
    )
    assert get_set("yh-lle").version == 1
    assert get_set("yh-lle@2").status == "draft"
    assert in_force_ref("yh-lle") == "yh-lle@1"
    assert in_force_ref("nothing") is None


def test_a_malformed_stored_document_is_refused_naming_the_entry():
    row = CriteriaVersion.objects.get(set_id="yh-lle")
    document = row.document
    document["groups"][0]["criteria"][0]["check"] = "vibes"
    CriteriaVersion.objects.filter(pk=row.pk).update(document=document)

    with pytest.raises(CriteriaSetError, match=r"yh-lle version 1: groups\[0\] \('leader'\)\.criteria\[0\]"):
        get_set("yh-lle@1")
    assert set_label("yh-lle@1") == "A criteria set no longer in use"


def test_unknown_sets_and_versions_are_refused_with_what_is_stored():
    with pytest.raises(CriteriaSetError, match=r"No criteria set 'nope'; known sets: national-nle"):
        get_set("nope")
    with pytest.raises(CriteriaSetError, match=r"No version '7' of criteria set 'yh-lle'; versions: 1"):
        get_set("yh-lle@7")


def test_a_round_may_choose_the_agreed_or_in_force_sets_of_its_region_and_the_national_ones():
    yh = CriteriaVersion.objects.get(set_id="yh-lle")
    CriteriaVersion.objects.create(
        kind=CriteriaKind.SET, set_id="yh-lle", version=2, role="lle", region="YH", title=yh.title,
        status=CriteriaStatus.AGREED, document={**yh.document, "version": 2},
    )  # fmt: skip
    CriteriaVersion.objects.create(
        kind=CriteriaKind.SET, set_id="yh-lle", version=3, role="lle", region="YH", title=yh.title,
        status=CriteriaStatus.DRAFT, document={**yh.document, "version": 3},
    )  # fmt: skip

    choices = dict(set_choices({"YH"}))
    assert "yh-lle@3" not in choices  # a draft is not the board's
    assert choices["yh-lle@1"] == "Local leader of education, Yorkshire and the Humber (version 1)"
    assert choices["yh-lle@2"] == "Local leader of education, Yorkshire and the Humber (version 2, not yet in force)"
    assert "national-nle@1" in choices
    assert "yh-lle@1" not in dict(set_choices({"L"}))
    assert not any(ref.startswith(("regional-grid", "national-nle-grid")) for ref in choices)
