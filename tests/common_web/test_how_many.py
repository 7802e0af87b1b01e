"""Counts are written with their noun in the right form (issue 15: "1 days logged", "the 1
invoices shown")."""

from decimal import Decimal

import pytest
from django.template import engines

from web.common.formatting import how_many


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "1 day"),
        (0, "0 days"),
        (2, "2 days"),
        (Decimal("1"), "1 day"),
        (Decimal("1.0"), "1 day"),
        (Decimal("2.50"), "2.5 days"),
        (Decimal("0.5"), "0.5 days"),
        (Decimal("12.00"), "12 days"),
        (1.0, "1 day"),
        (1.5, "1.5 days"),
        (1200, "1,200 days"),
    ],
)
def test_a_count_takes_the_singular_only_for_exactly_one(value, expected):
    assert how_many(value, "day") == expected


def test_a_noun_with_its_own_plural():
    assert how_many(1, "person", "people") == "1 person"
    assert how_many(3, "person", "people") == "3 people"


def test_templates_have_it_as_a_filter():
    template = engines["jinja2"].from_string("the {{ n | how_many('invoice') }} shown")
    assert template.render({"n": 1}) == "the 1 invoice shown"
    assert template.render({"n": 4}) == "the 4 invoices shown"
