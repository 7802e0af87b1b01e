"""Form fields that several pages share, with their GOV.UK error messages."""

import datetime as dt

from django import forms

from domain.schools.selectors import URN_DIGITS, urn_from_text
from web.common.converters import MAX_ID_DIGITS

REASON_LIMIT = 4000


# Numbers typed or posted ----------------------------------------------------------------------
# `str.isdigit()` accepts "²", which int() refuses (a 500), and int() reads other scripts' digits
# ("٣") and numbers too big for the database: read ids and URNs through these instead.


def id_from(value) -> int | None:
    """A record's id as posted or in the query string ("school=140001"), or None when it is not 1
    to 18 ASCII digits (see web.common.converters: such an id fits the database)."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    return None


URN_MESSAGE = f"Enter a URN, a number of up to {URN_DIGITS} digits, like 140001"


class UrnField(forms.CharField):
    """A school's URN: up to 8 ASCII digits, cleaned to an int (None when left empty). Anything
    else, other scripts' digits included, gets `invalid` ("Enter a URN, a number of up to 8
    digits, like 140001", unless the form names its own)."""

    default_error_messages = {"invalid": URN_MESSAGE}

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        urn = urn_from_text(text)
        if urn is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return urn


def reason_field(
    required_message: str | None = None, *, noun: str = "reason", limit: int = REASON_LIMIT, name: str | None = None
):
    """A textarea for why something is done. Required when `required_message` is given (say,
    "Enter why you are ending the association"); the length message names it "The <noun>", or
    `name` ("Your grounds")."""
    messages = {"max_length": f"{name or 'The ' + noun} must be {limit:,} characters or fewer"}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        required=bool(required_message),
        max_length=limit,
        widget=forms.Textarea,
        error_messages=messages,
    )


# GOV.UK date input: three boxes named <field>-day, <field>-month, <field>-year -----------------

_PARTS = ("day", "month", "year")


class DateInputWidget(forms.MultiWidget):
    def __init__(self):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [str(data.get(f"{name}-{part}", "")).strip() for part in _PARTS]

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in _PARTS)

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else id_


class DateInputField(forms.Field):
    """A date from GOV.UK's three boxes, with the design system's messages: `what` names the
    date ("The first day you are unavailable")."""

    widget = DateInputWidget

    def __init__(self, what: str, **kwargs):
        self.what = what
        super().__init__(**kwargs)

    def clean(self, value):
        parts = dict(zip(_PARTS, value or ["", "", ""], strict=False))
        if not any(parts.values()):
            raise forms.ValidationError(f"Enter {self.what[0].lower()}{self.what[1:]}", code="required")
        missing = [part for part in _PARTS if not parts.get(part)]
        if missing:
            raise forms.ValidationError(f"{self.what} must include a {' and '.join(missing)}", code="incomplete")
        try:
            # ASCII digits only ("²" and "٣" are not a day), and a year of 4 digits: a longer one
            # overflows the date (OverflowError, not ValueError).
            if not all(parts[part].isascii() and parts[part].isdigit() for part in _PARTS) or len(parts["year"]) > 4:
                raise ValueError
            day, month, year = (int(parts[part]) for part in _PARTS)
            if year < 1000:
                raise ValueError
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{self.what} must be a real date", code="invalid") from None
