"""The terms of a contract version and its impact measures, checked before they are saved (seed 002
"Contracting and Quality Assurance": "objectives and impact measures will be agreed"; seed 002
"Remuneration of Staff"). Each refusal is a DeploymentRefused that says what to put right."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .errors import DeploymentRefused
from .models import Payer

# The terms of a version that the alliance edits, and the fields of an impact measure.
TERMS = (
    "action_plan",
    "schedule",
    "days",
    "starts_on",
    "ends_on",
    "payer",
    "payer_name",
    "day_rate",
    "leader_school_rate",
)
MEASURE_FIELDS = ("objective", "measure", "baseline", "target", "method", "when_measured")
MEASURE_LIMITS = {
    "objective": 2000,
    "measure": 300,
    "baseline": 300,
    "target": 300,
    "method": 300,
    "when_measured": 200,
}
MEASURE_NAMES = {
    "objective": "the objective",
    "measure": "the measure",
    "baseline": "the baseline",
    "target": "the target",
    "method": "how it is measured",
    "when_measured": "when it is measured",
}

# Reasonable bounds for a deployment's terms (a 2-day diagnostic to a year's support, seed 000).
MOST_DAYS = Decimal("200")
LONGEST = dt.timedelta(days=2 * 366)
HIGHEST_RATE = Decimal("5000")
MOST_MEASURES = 20


def clean_terms(values: dict) -> dict:
    """The terms, checked: each refusal says what to put right."""
    terms = {name: values.get(name) for name in TERMS}
    for name in ("action_plan", "schedule", "payer_name"):
        terms[name] = (terms[name] or "").strip()
    days, starts_on, ends_on = terms["days"], terms["starts_on"], terms["ends_on"]
    if days is None or days <= 0:
        raise DeploymentRefused("The number of days must be more than 0")
    if days > MOST_DAYS:
        raise DeploymentRefused(f"The number of days must be {MOST_DAYS} or fewer")
    if days * 2 != int(days * 2):
        raise DeploymentRefused("The number of days must be in whole or half days, like 4 or 4.5")
    if starts_on is None or ends_on is None:
        raise DeploymentRefused("Enter the start date and the end date")
    if ends_on < starts_on:
        raise DeploymentRefused("The end date must be the same as or after the start date")
    if ends_on - starts_on > LONGEST:
        raise DeploymentRefused("The contract must run for 2 years or less")
    if ends_on < timezone.localdate():
        raise DeploymentRefused("The end date must be today or in the future")
    if terms["payer"] not in Payer.values:
        raise DeploymentRefused("Select who pays for the support")
    if terms["payer"] == Payer.NOBODY:
        # Free support: nobody pays and nobody is paid through the contract.
        terms["payer_name"] = ""
        terms["day_rate"] = Decimal("0.00")
        terms["leader_school_rate"] = Decimal("0.00")
        return terms
    day_rate, leader_rate = terms["day_rate"], terms["leader_school_rate"]
    if not terms["payer_name"]:
        raise DeploymentRefused("Enter the name of the school, trust or body that pays")
    if len(terms["payer_name"]) > 200:
        raise DeploymentRefused("The name of who pays must be 200 characters or fewer")
    if day_rate is None or day_rate <= 0:
        raise DeploymentRefused("The day rate must be more than £0, or choose that nobody pays")
    if day_rate > HIGHEST_RATE:
        raise DeploymentRefused(f"The day rate must be £{HIGHEST_RATE:,} or less")
    if leader_rate is None or leader_rate < 0:
        raise DeploymentRefused("The rate paid to the leader's school must be £0 or more")
    if leader_rate > day_rate:
        raise DeploymentRefused("The rate paid to the leader's school must be the same as or less than the day rate")
    return terms


def clean_measure(values: dict) -> dict:
    """An impact measure's fields, checked: each refusal names the field."""
    clean = {}
    for name in MEASURE_FIELDS:
        text = (values.get(name) or "").strip()
        if not text:
            raise DeploymentRefused(f"Enter {MEASURE_NAMES[name]}")
        if len(text) > MEASURE_LIMITS[name]:
            raise DeploymentRefused(
                f"{MEASURE_NAMES[name][0].upper()}{MEASURE_NAMES[name][1:]} must be "
                f"{MEASURE_LIMITS[name]:,} characters or fewer"
            )
        clean[name] = text
    return clean
