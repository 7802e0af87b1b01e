"""The demo region, and clients signed in as its people (staff with their second factor)."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts.models import User
from domain.commissioning.models import Offer, SupportRequest
from domain.organisations.models import Organisation
from domain.schools.models import School

PEOPLE = {
    "contact": "school.contact@demo.test",
    "commissioner": "commissioner@demo.test",
    "coordinator": "coordinator@demo.test",
    "leader": "system.leader@demo.test",
    "panel_member": "panel.member@demo.test",
}


@pytest.fixture
def demo(demo_region_once, db):
    return {
        **{key: User.objects.get(email=email) for key, email in PEOPLE.items()},
        "aire": Organisation.objects.get(code="DEMO-TSA1"),
        "la": Organisation.objects.get(code="DEMO-LA"),
        "goldthorpe": School.objects.get(name="Goldthorpe Junior School"),
        "larchwood": School.objects.get(name="Larchwood Primary School"),
        "request": SupportRequest.objects.get(status="matched"),
        "referred": SupportRequest.objects.get(status="submitted"),
        "public_request": SupportRequest.objects.get(status="awaiting_confirmation"),
        "offer": Offer.objects.get(status="with_leader"),
    }


@pytest.fixture
def as_person(client, demo):
    """as_person("coordinator") -> the test client signed in as that demo person."""

    def signed(name):
        user = demo[name]
        client.logout()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return signed
