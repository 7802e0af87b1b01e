"""The demo region, and clients signed in as its leaders."""

import pytest

from domain.accounts.models import User
from domain.leaders.models import Association
from tests.conftest import sign_in


@pytest.fixture
def demo(demo_region_once, db):
    return {
        "alex": User.objects.get(email="system.leader@demo.test"),
        "drew": User.objects.get(email="existing.lle@demo.test"),
        "nle": User.objects.get(email="nle@demo.test"),
        "riley": User.objects.get(email="sle.english@demo.test"),
        "coordinator": User.objects.get(email="coordinator@demo.test"),
        "association": Association.objects.get(leader__email="system.leader@demo.test", status="active"),
        "invitation": Association.objects.get(leader__email="existing.lle@demo.test", status="invited"),
    }


@pytest.fixture
def as_leader(client, demo):
    """as_leader("alex") -> the test client signed in as that demo leader (no second factor)."""

    def signed(name):
        user = demo[name]
        assert not user.needs_two_factor(), "system leaders sign in without a second factor"
        return sign_in(client, user)

    return signed
