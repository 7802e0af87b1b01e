"""Forms of the delegates' event pages: booking a place (for yourself or a colleague) and cancelling."""

from django import forms

from web.common.fields import reason_field

YOURSELF = "self"


class BookingForm(forms.Form):
    """Whom the place is for. `waiting_list` comes with the form shown when the event is full."""

    delegate = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who the place is for",
            "invalid_choice": "Select who the place is for from the list",
        },
    )
    waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.colleagues = {str(c.pk): c for c in colleagues}
        self.fields["delegate"].choices = [
            (YOURSELF, "Yourself"),
            *((pk, c.full_name) for pk, c in self.colleagues.items()),
        ]
        if not self.is_bound:
            self.initial.setdefault("delegate", YOURSELF)

    def chosen_delegate(self):
        value = self.cleaned_data["delegate"]
        return self.user if value == YOURSELF else self.colleagues[value]


class CancelForm(forms.Form):
    reason = reason_field(noun="reason")
