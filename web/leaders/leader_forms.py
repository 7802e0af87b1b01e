"""The forms of a system leader's own pages: association, memorandum, pen portrait, availability.
They only parse input; the services in domain/leaders decide what is allowed."""

from django import forms

from domain.designation.specialisms import PHASES, SPECIALISMS
from domain.leaders.portrait_services import LIMITS
from web.common.fields import DateInputField, reason_field


def _organisation_choices(organisations) -> list[tuple[str, str]]:
    return [(str(o.pk), f"{o.name} ({o.get_kind_display().lower()})") for o in organisations]


class OrganisationChoiceForm(forms.Form):
    """Chooses one alliance, hub or grouping from those offered (the view passes them, those of the
    leader's region first); `organisation` then holds the chosen one."""

    required_message = "Choose the alliance, hub or grouping"

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation_id"] = forms.ChoiceField(
            choices=[("", "Choose an alliance, hub or grouping")] + _organisation_choices(organisations),
            error_messages={
                "required": self.required_message,
                "invalid_choice": "Choose an alliance, hub or grouping from the list",
            },
        )
        self.order_fields(["organisation_id"])

    @property
    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("organisation_id", ""))


class RequestForm(OrganisationChoiceForm):
    required_message = "Choose the alliance, hub or grouping you want to associate with"

    message = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Your message must be 2,000 characters or fewer"},
    )


class ReasonForm(forms.Form):
    """Accepting, declining or withdrawing: an optional note kept on the record."""

    reason = reason_field()


class EndForm(forms.Form):
    reason = reason_field("Enter why you are ending the association")


class TransferForm(OrganisationChoiceForm):
    required_message = "Choose the alliance, hub or grouping you are moving to"

    reason = reason_field("Enter why you are moving your association")


class MemorandumForm(forms.Form):
    """The leader accepts the version they read: `version` is the one shown on the page, so that a
    version published meanwhile is not accepted unread."""

    def __init__(self, current_version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_version = current_version

    confirm = forms.BooleanField(error_messages={"required": "Confirm that you accept the memorandum"})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        version = data.get("version")
        if version is not None and self.current_version is not None and version != self.current_version:
            self.add_error(
                "confirm",
                f"A newer version of the memorandum (version {self.current_version}) has been published: "
                "read it and accept that one",
            )
        return data


def _text(name: str, what: str, *, textarea=True) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=LIMITS[name],
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={"max_length": f"{what} must be {LIMITS[name]:,} characters or fewer"},
    )


class PortraitForm(forms.Form):
    """The pen portrait. `public_contact` is there only for NLEs and NLGs (`with_contact`)."""

    experience = _text("experience", "Your experience")
    school_context = _text("school_context", "Your school's context")
    areas_served = _text("areas_served", "The areas you serve", textarea=False)
    specialisms = forms.MultipleChoiceField(
        required=False,
        choices=[(s.code, s.label) for s in SPECIALISMS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose specialisms from the list"},
    )
    phases = forms.MultipleChoiceField(
        required=False,
        choices=PHASES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose phases from the list"},
    )
    public_contact = _text("public_contact", "How schools contact you", textarea=False)

    def __init__(self, *args, with_contact=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_contact:
            del self.fields["public_contact"]

    def values(self) -> dict:
        return {"public_contact": "", **self.cleaned_data}


class TakeDownForm(forms.Form):
    reason = reason_field("Enter why you are taking your pen portrait down")


class TermForm(forms.Form):
    """Days offered in one term: the service checks the number (whole or half days, not below what
    is committed), so a refusal lands on `days`."""

    days = forms.CharField(
        max_length=10,
        error_messages={
            "required": "Enter the number of days you can offer in this term",
            "max_length": "Enter the number of days as a number, like 6 or 2.5",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 500 characters or fewer"},
    )


class UnavailableForm(forms.Form):
    starts_on = DateInputField("The first day you are unavailable")
    ends_on = DateInputField("The last day you are unavailable")
    reason = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.Textarea,
        error_messages={"max_length": "The reason must be 300 characters or fewer"},
    )


def posted(request):
    """The form data of a POST (even an empty one, which must still be checked), else None."""
    return request.POST if request.method == "POST" else None
