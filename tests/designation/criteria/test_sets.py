"""Criteria sets are data: the shipped files load, and a malformed file is refused with a message
naming the file and the bad entry."""

import copy
import json
import re

import pytest

from domain.designation.criteria import CriteriaSetError, get_set, load_sets, parse_set
from domain.designation.criteria.sets import SETS_DIR

MINIMAL = {
    "id": "xx-lle",
    "version": 1,
    "status": "draft",
    "role": "LLE",
    "region": "XX",
    "title": "A region's own LLE set",
    "groups": [
        {
            "id": "leader",
            "title": "Leader",
            "criteria": [
                {
                    "id": "years",
                    "text": "3 years as head",
                    "check": "data",
                    "rule": "years_in_post",
                    "params": {"min_years": 3, "roles": ["headteacher"]},
                },
                {"id": "stay", "text": "will stay", "check": "declaration"},
            ],
        }
    ],
}


def write(folder, name, data):
    (folder / name).write_text(json.dumps(data) if not isinstance(data, str) else data)


def test_the_shipped_sets_load_per_role_and_region_with_their_status():
    found = {(s.id, s.version): (s.role, s.region, s.status) for s in load_sets()}
    assert found == {
        ("yh-lle", 1): ("LLE", "YH", "published"),
        ("national-nle", 1): ("NLE", "national", "published"),
        ("national-sle", 1): ("SLE", "national", "draft"),
        ("national-nlg", 1): ("NLG", "national", "draft"),
    }


def test_every_shipped_draft_criterion_not_from_a_seed_says_so():
    for ref in ("national-sle", "national-nlg"):
        criteria_set = get_set(ref, load_sets())
        assert criteria_set.description.startswith("DRAFT")
        for group in criteria_set.groups:
            for c in group.criteria:
                assert c.source.startswith(("seed 003", "draft, not from a seed")), (ref, c.id)


def test_a_region_adds_its_own_role_and_a_new_version(tmp_path):
    write(tmp_path, "a.json", MINIMAL)
    write(tmp_path, "b.json", {**MINIMAL, "version": 2, "status": "published", "role": "Local mentor"})
    write(tmp_path, "c.json", {**MINIMAL, "version": 3})
    sets = load_sets(tmp_path)
    assert get_set("xx-lle", sets).version == 2  # the latest published beats a newer draft
    assert get_set("xx-lle@3", sets).status == "draft"
    assert get_set("xx-lle@2", sets).role == "Local mentor"


def test_without_a_published_version_the_latest_draft_is_used(tmp_path):
    write(tmp_path, "a.json", MINIMAL)
    write(tmp_path, "b.json", {**MINIMAL, "version": 2})
    assert get_set("xx-lle", load_sets(tmp_path)).version == 2


def test_unknown_set_and_version_are_refused_with_what_exists():
    with pytest.raises(CriteriaSetError, match=r"No criteria set 'nope'; known sets: national-nle, national-nlg"):
        get_set("nope", load_sets())
    with pytest.raises(CriteriaSetError, match=r"No version '7' of criteria set 'yh-lle'; versions: 1"):
        get_set("yh-lle@7", load_sets())


def broken(path, value):
    data = copy.deepcopy(MINIMAL)
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()
C0 = ("groups", 0, "criteria", 0)
C1 = ("groups", 0, "criteria", 1)

MALFORMED = [
    ("status", broken(("status",), "live"), "bad.json: status: 'live' is not one of published, draft"),
    ("version", broken(("version",), "1"), "bad.json: version: '1' is not a whole number from 1"),
    ("id", broken(("id",), "XX LLE"), "bad.json.id: 'XX LLE' is not an id"),
    ("role", broken(("role",), ""), "bad.json.role: give a non-empty text"),
    ("region", broken(("region",), None), "bad.json: region: give a region code"),
    ("outcome", broken(("outcome",), "most"), "bad.json: outcome: 'most' is not one of all, any"),
    ("no groups", broken(("groups",), []), "bad.json: groups: give at least one group"),
    (
        "no criteria",
        broken(("groups", 0, "criteria"), []),
        "bad.json: groups[0] ('leader').criteria: give at least one criterion",
    ),
    (
        "subject",
        broken(("groups", 0, "subject"), "trust"),
        "groups[0] ('leader').subject: 'trust' is not one of person, school",
    ),
    (
        "check",
        broken((*C1, "check"), "vibes"),
        "bad.json: groups[0] ('leader').criteria[1] ('stay').check: 'vibes' is not one of",
    ),
    (
        "rule",
        broken((*C0, "rule"), "years_as_hed"),
        "criteria[0] ('years').rule: unknown rule 'years_as_hed'; known rules:",
    ),
    (
        "params",
        broken((*C0, "params"), {"min_years": -1, "roles": ["headteacher"]}),
        "criteria[0] ('years'): params.min_years must be a number above 0",
    ),
    (
        "roles",
        broken((*C0, "params"), {"min_years": 3, "roles": []}),
        "criteria[0] ('years'): params.roles must be a non-empty list",
    ),
    ("text", broken((*C1, "text"), DELETE), "criteria[1] ('stay').text: give a non-empty text"),
    (
        "rule on a declaration",
        broken((*C1, "rule"), "years_in_post"),
        "only data checks name a rule, this is a declaration check",
    ),
    (
        "applies_if",
        broken((*C1, "applies_if"), "faith_school"),
        "criteria[1] ('stay').applies_if: 'faith_school' is not one of",
    ),
    ("duplicate id", broken((*C1, "id"), "years"), "groups[0] ('leader'): the id 'years' is used twice in this set"),
    (
        "exception",
        broken((*C1, "exception"), {"id": "ex"}),
        "criteria[1] ('stay').exception.text: give a non-empty text",
    ),
    (
        "group reference",
        broken(
            C1,
            {
                "id": "acc",
                "text": "accountable",
                "check": "data",
                "rule": "accountable_school_meets_group",
                "params": {"group": "school"},
            },
        ),
        "criteria[1] ('acc').params.group: no group 'school' in this set",
    ),
    ("not an object", "[1, 2]", "bad.json: a criteria set is a JSON object"),
    ("not JSON", '{"id": ', "bad.json: not valid JSON (line 1"),
]


@pytest.mark.parametrize(("data", "message"), [pytest.param(d, m, id=why) for why, d, m in MALFORMED])
def test_a_malformed_set_is_refused_naming_the_file_and_the_entry(tmp_path, data, message):
    write(tmp_path, "good.json", MINIMAL | {"id": "other"})
    write(tmp_path, "bad.json", data)
    with pytest.raises(CriteriaSetError, match=re.escape(message)) as refused:
        load_sets(tmp_path)
    assert message in str(refused.value)


def test_the_same_id_and_version_in_two_files_is_refused(tmp_path):
    write(tmp_path, "a.json", MINIMAL)
    write(tmp_path, "b.json", MINIMAL)
    with pytest.raises(CriteriaSetError, match=r"^b.json: xx-lle@1 is also in a.json$"):
        load_sets(tmp_path)


def test_a_group_checked_on_each_school_must_be_about_a_school():
    data = copy.deepcopy(MINIMAL)
    data["groups"][0]["criteria"].append(
        {
            "id": "acc",
            "text": "x",
            "check": "data",
            "rule": "accountable_school_meets_group",
            "params": {"group": "leader"},
        }
    )
    with pytest.raises(CriteriaSetError, match="group 'leader' must have subject \"school\""):
        parse_set(data, "x.json")


def test_the_shipped_files_are_the_ones_in_the_folder():
    assert sorted(p.name for p in SETS_DIR.glob("*.json")) == [
        "national-nle.v1.json",
        "national-nlg.v1.json",
        "national-sle.v1.json",
        "yh-lle.v1.json",
    ]
