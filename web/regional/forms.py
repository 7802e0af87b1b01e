from django import forms

from domain.accounts.roles import Role


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    kind = forms.ChoiceField(required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "All kinds"), *kinds]


class InviteForm(forms.Form):
    full_name = forms.CharField(max_length=150, error_messages={"required": "Enter the person's full name"})
    email = forms.EmailField(
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }
    )
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *Role.choices], error_messages={"required": "Choose the person's role"}
    )

    def __init__(self, *args, roles=None, **kwargs):
        """`roles`: the roles that fit the organisation (all of them when not given)."""
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = [("", "Choose a role"), *((str(r), Role(r).label) for r in roles)]
        self.fields["role"].error_messages["invalid_choice"] = "Choose one of the roles in the list"


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea)


class TwoFactorResetForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why you are resetting their second factor"},
    )
