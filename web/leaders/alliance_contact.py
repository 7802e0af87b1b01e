"""An alliance's or hub's contact details, which the directory shows to schools: its coordinators
(and its region's representatives) change them from the leaders page."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.leaders.organisation_contact import (
    ContactDetailsInvalid,
    ContactDetailsRefused,
    organisation_contact_update,
)
from domain.leaders.policies import can_run_leader_lists
from domain.leaders.selectors import organisation_acted_for
from web.common.policy import policy


class ContactDetailsForm(forms.Form):
    contact_email = forms.CharField(required=False, max_length=254)
    contact_phone = forms.CharField(required=False, max_length=30)
    website = forms.CharField(required=False, max_length=255)
    day_rate = forms.DecimalField(
        required=False,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the day rate in pounds, like 450 or 450.50",
            "max_digits": "Enter a day rate of £5,000 or less",
            "max_decimal_places": "Enter the day rate in pounds and pence, like 450.50",
            "max_whole_digits": "Enter a day rate of £5,000 or less",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, what in (("contact_email", "Email address"), ("contact_phone", "Telephone number")):
            limit = self.fields[field].max_length
            self.fields[field].error_messages["max_length"] = f"{what} must be {limit} characters or fewer"
        self.fields["website"].error_messages["max_length"] = "Website must be 255 characters or fewer"


@policy(can_run_leader_lists)
def contact_details(request, organisation_id):
    organisation = organisation_acted_for(request.user, organisation_id)
    if organisation is None:
        raise Http404("No alliance or hub of yours has that number")
    back = reverse("alliance:leaders") + f"?organisation={organisation.pk}"
    if request.method == "POST":
        form = ContactDetailsForm(request.POST)
        if form.is_valid():
            try:
                organisation_contact_update(
                    actor=request.user,
                    organisation=organisation,
                    email=form.cleaned_data["contact_email"],
                    phone=form.cleaned_data["contact_phone"],
                    website=form.cleaned_data["website"],
                    day_rate=form.cleaned_data["day_rate"],
                )
            except ContactDetailsInvalid as invalid:
                for field, message in invalid.errors.items():
                    form.add_error(field, message)
            except ContactDetailsRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"The contact details of {organisation.name} are saved")
                return redirect(back)
    else:
        form = ContactDetailsForm(
            initial={
                name: getattr(organisation, name) for name in ("contact_email", "contact_phone", "website", "day_rate")
            }
        )
    return render(
        request,
        "leaders/alliance/contact_details.html",
        {"page_title": "Contact details and day rate", "form": form, "organisation": organisation, "back": back},
    )
