"""The forms of the offer pages: accepting and agreeing ask nothing more; declining asks why.
They only parse input; domain/commissioning/offer_services.py decides what is allowed."""

from django import forms

from web.common.fields import reason_field


class ConfirmForm(forms.Form):
    """Accepting (the leader) or agreeing (the leader's alliance): the button is the answer."""


class DeclineForm(forms.Form):
    reason = reason_field("Enter why you are declining the offer")


def form_for(event: str, data=None) -> forms.Form:
    return DeclineForm(data) if event == "decline" else ConfirmForm(data)
