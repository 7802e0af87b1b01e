"""How the service writes dates, numbers and distances (GOV.UK style: "22 November 2026")."""

from datetime import date, datetime

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


__all__ = ["govuk_date", "govuk_datetime", "intcomma", "distance", "date"]
