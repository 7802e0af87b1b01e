"""Forms of the criteria pages: a draft's document, the regional board's agreement."""

from django import forms

from domain.designation.criteria_services import MAX_AGREED_BY, MAX_DOCUMENT
from web.common.fields import DateInputField


class DocumentForm(forms.Form):
    document = forms.CharField(
        max_length=MAX_DOCUMENT,
        strip=False,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter the criteria",
            "max_length": f"The criteria must be {MAX_DOCUMENT:,} characters or fewer",
        },
    )


class AgreementForm(forms.Form):
    agreed_by = forms.CharField(
        max_length=MAX_AGREED_BY,
        error_messages={
            "required": "Enter who agreed the criteria, for example the regional board",
            "max_length": f"Who agreed the criteria must be {MAX_AGREED_BY} characters or fewer",
        },
    )
    agreed_on = DateInputField("The date the board agreed the criteria")


class ConfirmForm(forms.Form):
    """A step confirmed with its button alone."""
