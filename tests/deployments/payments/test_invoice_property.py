"""Issue 6, "Done when": "a test that the invoice equals the evidenced days times the rate".
Whatever the notes of visit evidence and whatever the contract's rates, a draft invoice charges
the evidenced days at the day rate, to the penny; the leader's school receives the days at its
rate; the alliance's fee is the rest; and more days than are evidenced are refused."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.deployments import invoice_services as invoices
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Invoice, Visit

from .helpers import agree_contract, share_visit

pytestmark = pytest.mark.django_db

# Visits of half a day to two days, in half days; rates in pounds and pence.
visit_days = st.lists(
    st.sampled_from([Decimal("0.5"), Decimal("1"), Decimal("1.5"), Decimal("2")]), min_size=1, max_size=4
)
PENNY = Decimal("0.01")
rates = st.integers(min_value=1, max_value=150_000).map(lambda n: Decimal(n) * PENNY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=visit_days, day_rate=rates, share=st.integers(min_value=0, max_value=100))
def test_the_invoice_is_the_evidenced_days_times_the_rate(cast, days, day_rate, share):
    leader_school_rate = (day_rate * share / 100).quantize(PENNY, rounding=ROUND_HALF_UP)
    Invoice.objects.filter(deployment=cast.deployment).delete()
    Visit.objects.filter(deployment=cast.deployment).delete()
    agree_contract(cast, day_rate=str(day_rate), rate=str(leader_school_rate))
    for d in days:
        share_visit(cast.deployment, d)
    evidenced = sum(days)

    with pytest.raises(DeploymentRefused, match="more days than the notes of visit evidence"):
        invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days=evidenced + Decimal("0.5"))

    invoice = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    invoice.refresh_from_db()
    assert invoice.days == evidenced
    assert invoice.amount == (evidenced * day_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert invoice.remuneration == (evidenced * leader_school_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert invoice.amount == invoice.remuneration + invoice.brokerage_fee
    assert invoice.brokerage_fee >= 0

    with pytest.raises(DeploymentRefused, match="0 days are evidenced and not yet invoiced"):
        invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="0.5")
