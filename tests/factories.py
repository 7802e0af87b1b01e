"""Test data built through factory_boy. People are synthetic (Faker with a fixed seed)."""

import factory
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts.models import Membership
from domain.accounts.roles import Role
from domain.organisations.models import Organisation, OrganisationKind, Region
from domain.schools.models import School

factory.Faker._DEFAULT_LOCALE = "en_GB"


def region(name="Yorkshire and the Humber") -> Region:
    return Region.objects.get(name=name)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: 800000 + n)
    name = factory.Sequence(lambda n: f"Test School {n}")
    status = "open"
    phase = "Primary"
    type_name = "Community school"
    la_name = "Leeds"
    town = "Leeds"
    postcode = factory.Sequence(lambda n: f"LS{n % 30} {n % 9}AB")
    region = factory.LazyFunction(region)
    easting = factory.Sequence(lambda n: 430000 + n * 500)
    northing = factory.Sequence(lambda n: 433000 + n * 300)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.TSA
    name = factory.Sequence(lambda n: f"Test Alliance {n}")
    region = factory.LazyFunction(region)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.TSA_COORDINATOR


def totp_device(user, key="3132333435363738393031323334353637383930"):
    """A confirmed authenticator app with a known key (the RFC 6238 test key)."""
    return TOTPDevice.objects.create(user=user, name="Test app", confirmed=True, key=key)
