"""Form fields that several pages share, with their GOV.UK error messages."""

from django import forms

REASON_LIMIT = 4000


def reason_field(required_message: str | None = None, *, noun: str = "reason", limit: int = REASON_LIMIT):
    """A textarea for why something is done. Required when `required_message` is given (say,
    "Enter why you are ending the association"); `noun` names it in the length message."""
    messages = {"max_length": f"The {noun} must be {limit:,} characters or fewer"}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        required=bool(required_message),
        max_length=limit,
        widget=forms.Textarea,
        error_messages=messages,
    )
