import datetime as dt
from decimal import Decimal

import pytest

from demo import deployments_visits
from domain.accounts.roles import Role
from domain.deployments.visit_selectors import time_used
from domain.deployments.workflows import VisitStatus
from tests.deployments import builders

from .helpers import activate

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def demo_like(active: bool):
    cast = builders.deployment(window_starts=TODAY - dt.timedelta(days=35), window_ends=TODAY + dt.timedelta(days=60))
    if active:
        activate(cast)
    return cast


def test_an_active_demo_deployment_gets_two_shared_notes_and_a_planned_visit():
    cast = demo_like(active=True)
    deployments_visits.build(deployment=cast.deployment, users={Role.SYSTEM_LEADER: cast.leader})
    visits = list(cast.deployment.visits.order_by("visited_on"))
    assert [v.status for v in visits] == [VisitStatus.SHARED, VisitStatus.SHARED, VisitStatus.PLANNED]
    assert [v.hours for v in visits[:2]] == [Decimal("5"), Decimal("6")]
    assert all(v.visited_on.weekday() < 5 for v in visits)
    assert time_used(cast.refresh()).logged == Decimal("2")


def test_while_the_contract_is_agreed_only_the_planned_visit_is_made():
    cast = demo_like(active=False)
    deployments_visits.build(deployment=cast.deployment, users={Role.SYSTEM_LEADER: cast.leader})
    assert [v.status for v in cast.deployment.visits.all()] == [VisitStatus.PLANNED]
