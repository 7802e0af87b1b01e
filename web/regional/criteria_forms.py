"""Forms of the criteria pages: a draft's wording and numbers, its whole document, the regional
board's agreement."""

from django import forms

from domain.designation.criteria_services import MAX_AGREED_BY, MAX_DOCUMENT
from domain.designation.criteria_wording import MAX_NUMBER, MAX_WORDING
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


def field_name(key: str) -> str:
    return key.replace(".", "__")


class WordingForm(forms.Form):
    """One box for each part of the draft's wording, one for each number its checks use, a yes or
    no for each choice such as whether a form's section must be answered
    (domain.designation.criteria_wording.wording_parts)."""

    def __init__(self, parts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        for part in parts:
            label = part.full_label
            if part.kind == "yes_no":
                field = forms.TypedChoiceField(
                    choices=(("yes", "Yes"), ("no", "No")),
                    coerce=lambda value: value == "yes",
                    widget=forms.RadioSelect,
                    initial="yes" if part.value else "no",
                    error_messages={
                        "required": f"Say {label[0].lower()}{label[1:]}",
                        "invalid_choice": f"Say {label[0].lower()}{label[1:]}",
                    },
                )
            elif part.kind == "number":
                field = forms.IntegerField(
                    min_value=0,
                    max_value=MAX_NUMBER,
                    initial=part.value,
                    error_messages={
                        "required": f"Enter the {label[0].lower()}{label[1:]}",
                        "invalid": f"{label} must be a whole number from 0 to {MAX_NUMBER}",
                        "min_value": f"{label} must be a whole number from 0 to {MAX_NUMBER}",
                        "max_value": f"{label} must be a whole number from 0 to {MAX_NUMBER}",
                    },
                )
            else:
                field = forms.CharField(
                    max_length=MAX_WORDING,
                    required=part.kind != "optional_text",
                    initial=part.value,
                    widget=forms.Textarea,
                    error_messages={
                        "required": f"Enter the wording of {label[0].lower()}{label[1:]}",
                        "max_length": f"{label} must be {MAX_WORDING:,} characters or fewer",
                    },
                )
            self.fields[field_name(part.key)] = field

    def rows(self):
        """(part, bound field) in the document's order, for the page."""
        return [(part, self[field_name(part.key)]) for part in self.parts]

    def values(self) -> dict:
        return {part.key: self.cleaned_data[field_name(part.key)] for part in self.parts}
