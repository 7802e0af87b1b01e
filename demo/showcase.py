"""The demo's showcase: what makes the demo region (demo.region) look like a real one to people
trying the service. `manage.py seed_demo` builds it after the region; the tests' fixtures build the
region only, whose contents they assert.

On top of the region: forty system leaders across the four roles, listed in the directory
(demo.showcase_leaders); applications at every stage of selection (demo.showcase_recruitment);
requests for support at every stage (demo.showcase_requests); and three more deployments under way
(demo.showcase_deployments). Deterministic: no randomness, dates from today, events on school days
(demo.school_days). Built through the services. Every school and person here is made up."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from demo.leaders import HUB_COORDINATOR
from demo.region import DEMO_PASSWORD, PEOPLE, SCHOOLS, build_demo_region
from demo.showcase_deployments import build_showcase_deployments
from demo.showcase_leaders import AIRE, HUB, SHOWCASE_LEADERS, build_showcase_leaders, email_of
from demo.showcase_recruitment import build_showcase_recruitment
from demo.showcase_requests import build_contacts, build_showcase_requests
from demo.showcase_schools import build_showcase_schools
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.organisations.models import Organisation
from domain.schools.models import School


@dataclass(frozen=True)
class Showcase:
    leaders: dict
    applications: list
    requests: dict
    deployments: list


def is_built() -> bool:
    return User.objects.filter(email=email_of(SHOWCASE_LEADERS[0][0])).exists()


@transaction.atomic
def build_demo_showcase() -> Showcase | None:
    """Builds the showcase on the demo region (building the region first if it is not there);
    running it again changes nothing and returns None."""
    build_demo_region()
    if is_built():
        return None
    users = {person.role: User.objects.get(email=person.email) for person in PEOPLE}
    organisations = {name: Organisation.objects.get(name=name) for name in (AIRE, HUB)}
    coordinators = {AIRE: users[PEOPLE[1].role], HUB: User.objects.get(email=HUB_COORDINATOR[0])}
    schools = {s.name: s for s in School.objects.filter(name__in=[row[0] for row in SCHOOLS])}
    schools.update(build_showcase_schools())
    # People are made without a password, then given the demo's, hashed once: hashing it for each of
    # some sixty people would take most of the build's time.
    leaders = build_showcase_leaders(
        coordinators=coordinators, organisations=organisations, schools=schools, password=None
    )
    applications = build_showcase_recruitment(
        organisation=organisations[AIRE],
        coordinator=coordinators[AIRE],
        panel_member=users[Role.PANEL_MEMBER],
        nle=User.objects.get(email="nle@demo.test"),
        hub=organisations[HUB],
        schools=schools,
        password=None,
    )
    contacts = build_contacts(schools=schools, password=None)
    people = [*leaders.values(), *(a.applicant_id for a in applications), *contacts.values()]
    User.objects.filter(pk__in=[getattr(p, "pk", p) for p in people]).update(password=make_password(DEMO_PASSWORD))
    common = {"users": users, "coordinators": coordinators, "contacts": contacts, "schools": schools}
    requests = build_showcase_requests(**common, aire=organisations[AIRE])
    deployments = build_showcase_deployments(**common, aire=organisations[AIRE])
    return Showcase(leaders=leaders, applications=applications, requests=requests, deployments=deployments)
