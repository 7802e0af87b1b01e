"""The forms of the coordinator's pages of leaders. They only parse input: the services in
domain/leaders decide what is allowed, and their refusals are shown as form errors."""

from django import forms

from domain.designation.models import DesignationRole
from web.common.fields import reason_field

MESSAGE_LIMIT = 2000


class OrganisationForm(forms.Form):
    """Which alliance, hub or grouping the page is about, for people who act for several. An
    unknown choice falls back to the first organisation (`chosen`)."""

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        self.fields["organisation"] = forms.ChoiceField(
            choices=[(str(o.pk), o.name) for o in self.organisations], required=False
        )

    @property
    def chosen(self):
        wanted = str(self.data.get("organisation") or "")
        by_id = {str(o.pk): o for o in self.organisations}
        return by_id.get(wanted) or (self.organisations[0] if self.organisations else None)


class RegionalListFilterForm(OrganisationForm):
    role = forms.ChoiceField(choices=[("", "Any role"), *DesignationRole.choices], required=False)
    name = forms.CharField(required=False, max_length=150)
    unassociated = forms.BooleanField(required=False)

    def filters(self) -> dict:
        """The filters for domain.leaders.selectors.regional_leader_list; bad values are ignored."""
        role = str(self.data.get("role") or "")
        return {
            "role": role if role in DesignationRole.values else "",
            "q": str(self.data.get("name") or "")[:150],
            "unassociated_only": self.data.get("unassociated") in ("1", "on", "true", "yes"),
        }


class InviteForm(forms.Form):
    """The leaders ticked on the regional list, and the message sent with the invitations."""

    def __init__(self, leaders, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaders"] = forms.ModelMultipleChoiceField(
            queryset=leaders,
            error_messages={
                "required": "Select the leaders to invite",
                "invalid_choice": "Select leaders from the regional list",
                "invalid_pk_value": "Select leaders from the regional list",
            },
        )
        self.order_fields(["leaders", "message"])

    message = forms.CharField(
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea,
        error_messages={"max_length": f"The message must be {MESSAGE_LIMIT:,} characters or fewer"},
    )


# What each change asks for: whether a reason is needed, and what to say when it is missing.
REASON_REQUIRED = {
    "end": "Enter why the association is ending",
    "transfer": "Enter why the association is moving",
}


class ChangeForm(forms.Form):
    """Confirming a change to an association; a reason for ending or transferring it."""

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        missing = REASON_REQUIRED.get(event)
        if event == "accept":
            del self.fields["reason"]
        else:
            self.fields["reason"].required = bool(missing)
            self.fields["reason"].error_messages["required"] = missing or ""

    reason = reason_field()


class TransferForm(ChangeForm):
    """Moving an active association to another alliance, hub or grouping."""

    def __init__(self, organisations, *args, **kwargs):
        super().__init__("transfer", *args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"] = forms.ChoiceField(
            choices=[("", "Choose an alliance, hub or grouping")]
            + [(k, o.name) for k, o in self.organisations.items()],
            error_messages={
                "required": "Choose the alliance, hub or grouping the leader is moving to",
                "invalid_choice": "Choose an alliance, hub or grouping from the list",
            },
        )
        self.order_fields(["organisation", "reason"])

    @property
    def receiving_organisation(self):
        return self.organisations.get(str(self.cleaned_data.get("organisation")))


class MemorandumForm(forms.Form):
    """The organisation's acceptance of the memorandum version shown on the page."""

    def __init__(self, memoranda, organisation_name, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memorandum"] = forms.ModelChoiceField(
            queryset=memoranda,
            widget=forms.HiddenInput,
            error_messages={
                "required": "Read the memorandum and accept it again",
                "invalid_choice": "Read the memorandum and accept it again",
            },
        )
        self.fields["confirm"] = forms.BooleanField(
            error_messages={
                "required": f"Confirm that you have read the memorandum and accept it for {organisation_name}"
            }
        )


class ReturnForm(forms.Form):
    changes = reason_field("Enter the changes the pen portrait needs", noun="changes")


class TakeDownForm(forms.Form):
    reason = reason_field("Enter why the pen portrait is being taken down")
