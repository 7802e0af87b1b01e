"""The forms of the client's answers: withdraw a request, confirm a public-form request, answer an
offer. They only parse input; the services decide."""

from django import forms

from web.common.fields import reason_field


class WithdrawForm(forms.Form):
    reason = reason_field(noun="reason")


class ConfirmForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            ("confirm", "Yes, the school asked for this support"),
            ("decline", "No, the school did not ask for it"),
        ],
        error_messages={
            "required": "Select yes if the school asked for this support",
            "invalid_choice": "Select yes if the school asked for this support",
        },
    )
    reason = reason_field(noun="reason")

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the school did not make this request")
        return data


class OfferAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", "Yes, accept the offer"), ("decline", "No, decline the offer")],
        error_messages={
            "required": "Select yes if the school accepts the offer",
            "invalid_choice": "Select yes if the school accepts the offer",
        },
    )
    reason = reason_field(noun="reason")

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the school declines the offer")
        return data
