"""How schools reach an alliance or hub: the e-mail address, phone number and website the
directory shows on its page and on each of its leaders' pages (seed 003: "LLEs and SLEs can be
contacted through teaching schools"). Its coordinators, and its region's representatives, keep
them."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from domain.audit.services import audit_record
from domain.deployments.contract_terms import HIGHEST_RATE
from domain.organisations.models import Organisation
from domain.schools.selectors import web_address

from .policies import can_act_for_organisation

FIELDS = ("contact_email", "contact_phone", "website", "day_rate")
# The same bound as a contract's day rate: the alliance's published rate becomes the contract's.
HIGHEST_DAY_RATE = HIGHEST_RATE
# A UK number as people write it: digits, spaces, brackets, hyphens and a leading +.
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")


class ContactDetailsRefused(Exception):
    pass


class ContactDetailsInvalid(Exception):
    """Details that are not usable; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))


def contact_details_errors(*, email: str, phone: str, website: str, day_rate=None) -> dict[str, str]:
    errors = {}
    if day_rate is not None and not Decimal(0) < day_rate <= HIGHEST_DAY_RATE:
        errors["day_rate"] = f"The day rate must be more than £0 and at most £{HIGHEST_DAY_RATE:,}, or left empty"
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = "Enter an email address in the correct format, like name@example.com"
    if phone:
        digits = re.sub(r"\D", "", phone)
        if not _PHONE.match(phone) or not 10 <= len(digits) <= 13:
            errors["contact_phone"] = "Enter a telephone number, like 0113 496 0000 or +44 113 496 0000"
    if website and web_address(website) is None:
        errors["website"] = "Enter a website address in the correct format, like www.example.org.uk"
    return errors


def organisation_contact_update(
    *, actor, organisation: Organisation, email: str, phone: str, website: str, day_rate: Decimal | None = None
):
    """Sets the details (blank, or no day rate, removes one) and audits what changed. Refuses anyone
    who may not act for the organisation; changes nothing when a detail is not usable."""
    if not can_act_for_organisation(actor, organisation):
        raise ContactDetailsRefused(f"You cannot change the contact details of {organisation.name}")
    values = {
        "contact_email": (email or "").strip(),
        "contact_phone": " ".join((phone or "").split()),
        "website": (website or "").strip(),
        "day_rate": day_rate,
    }
    errors = contact_details_errors(
        email=values["contact_email"], phone=values["contact_phone"], website=values["website"], day_rate=day_rate
    )
    if errors:
        raise ContactDetailsInvalid(errors)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changed = {name: value for name, value in values.items() if getattr(locked, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(locked, name, value)
            locked.save(update_fields=list(changed))
            audit_record(
                actor=actor,
                action="organisations.contact_details.changed",
                subject=locked,
                reason="Contact details changed",
                data={"changed": sorted(changed)},
                organisation=locked,
            )
    return locked
