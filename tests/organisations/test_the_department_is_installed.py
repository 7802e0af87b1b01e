"""A live installation has the Department for Education, whose officials decide NLE and NLG
designations, from its migrations alone (not only through the demo or test helpers)."""

import pytest

from domain.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_the_migrations_create_the_department_once():
    departments = Organisation.objects.filter(kind=OrganisationKind.DEPARTMENT)
    assert [d.name for d in departments] == ["Department for Education"]
