"""Forms for inviting people: choosing where, then who and in which role."""

from django import forms

from domain.accounts.roles import Role


class ChooseWhereForm(forms.Form):
    """Your alliance or hub, or one of its member schools."""

    where = forms.ChoiceField(error_messages={"required": "Choose where to invite the person"})

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = list(choices)
        self.fields["where"].error_messages["invalid_choice"] = "Choose one of the places in the list"


class SchoolSearchForm(forms.Form):
    """A school of the register, by name, URN or postcode."""

    q = forms.CharField(
        max_length=100,
        strip=True,
        error_messages={
            "required": "Enter the school's name, URN or postcode",
            "max_length": "Enter at most 100 characters",
        },
    )


class InvitePersonForm(forms.Form):
    full_name = forms.CharField(max_length=150, error_messages={"required": "Enter the person's full name"})
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    role = forms.ChoiceField(error_messages={"required": "Choose the person's role"})

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(str(role), Role(role).label) for role in roles]
        self.fields["role"].error_messages["invalid_choice"] = "Choose one of the roles in the list"
