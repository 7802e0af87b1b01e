"""Forms for signing in, the second factor and passwords, with GOV.UK error messages."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms

from domain.accounts.registration import unconfirmed_account_for


class SignInForm(forms.Form):
    username = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(error_messages={"required": "Enter your password"}, strip=False)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.unconfirmed = None  # an account awaiting confirmation of its e-mail (registration)
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["id"] = "email"
        self.fields["password"].widget.attrs["id"] = "password"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"].lower(), password=data["password"])
        if user is None or not user.is_active:
            self.unconfirmed = unconfirmed_account_for(data["username"], data["password"])
            if self.unconfirmed is not None:
                raise forms.ValidationError("Confirm your email address first: open the link we emailed you")
            raise forms.ValidationError("Enter a correct email address and password")
        self.user = user
        return data


CODE_FORMAT = "Enter the code as 6 numbers, like 123456"


class TokenForm(forms.Form):
    """The code from the authenticator app, as the app shows it: "123 456" and "123-456" are
    accepted as 123456."""

    otp_token = forms.CharField(
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app", "max_length": CODE_FORMAT},
    )

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].replace("-", " ").split())
        if not (token.isascii() and token.isdigit() and len(token) == 6):
            raise forms.ValidationError(CODE_FORMAT)
        return token


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


def _govuk_password_messages(form):
    for name in ("new_password1", "new_password2"):
        form.fields[name].error_messages["required"] = (
            "Enter a new password" if name == "new_password1" else "Confirm your new password"
        )
    form.error_messages["password_mismatch"] = "The passwords do not match"


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _govuk_password_messages(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _govuk_password_messages(self)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages["password_incorrect"] = "Your current password is wrong"
