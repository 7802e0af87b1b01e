"""How the service writes dates, numbers and distances (GOV.UK style: "22 November 2026")."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone


def govuk_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{govuk_date(local)} at {hour}{minutes}{suffix}"


def intcomma(value) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}"


def distance(metres) -> str:
    """Metres as a short distance: "800 metres", "2.4 km"."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{int(round(metres, -1))} metres"
    return f"{metres / 1000:.1f} km"


def how_many(value, singular: str, plural: str | None = None) -> str:
    """A count with its noun in the right form: "1 day", "0 days", "2.5 days", "1,200 schools".
    `plural` for nouns that do not just add "s" ("1 person", "3 people")."""
    if isinstance(value, Decimal):
        number = f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value):,}"
    elif isinstance(value, float) and not value.is_integer():
        number = f"{value:g}"
    else:
        number = f"{int(value):,}"
    return f"{number} {singular if value == 1 else plural or singular + 's'}"


__all__ = ["govuk_date", "govuk_datetime", "intcomma", "distance", "how_many", "date"]
