"""The forms of the applicant's employment history, specialisms and route pages. They only parse
input: domain.recruitment.employment and services decide what is allowed."""

from django import forms
from django.utils import timezone

from domain.designation.specialisms import SPECIALISMS
from domain.recruitment.models import POST_ROLE_CHOICES
from web.common.fields import DateInputField

STILL_IN_POST = [("yes", "Yes"), ("no", "No")]


class OptionalDateInputField(DateInputField):
    """A date that may be left empty (None); once started, it must be a real date."""

    def clean(self, value):
        if not any(str(part or "").strip() for part in (value or [])):
            return None
        return super().clean(value)


class PostForm(forms.Form):
    """One post: its role, its school (chosen among the search's results), when it started and
    whether it has ended."""

    school = forms.ChoiceField(
        error_messages={
            "required": "Search for the school and choose it",
            "invalid_choice": "Choose the school from the list, or search again",
        }
    )
    role = forms.ChoiceField(
        choices=POST_ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your post", "invalid_choice": "Select your post from the list"},
    )
    start = DateInputField("The date you started in the post")
    still_in_post = forms.ChoiceField(
        choices=STILL_IN_POST,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you are still in this post"},
    )
    end = OptionalDateInputField("The date the post ended", required=False)

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {str(s.pk): s for s in schools}
        self.fields["school"].choices = [(pk, s.display_name) for pk, s in self.schools.items()]

    def clean_school(self):
        return self.schools[self.cleaned_data["school"]]

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start > timezone.localdate():
            raise forms.ValidationError("The date you started must be today or in the past")
        return start

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("still_in_post") == "yes":
            cleaned["end"] = None
        elif cleaned.get("still_in_post") == "no" and "end" not in self.errors:
            end, start = cleaned.get("end"), cleaned.get("start")
            if end is None:
                self.add_error("end", "Enter the date the post ended")
            elif end > timezone.localdate():
                self.add_error("end", "The date the post ended must be today or in the past")
            elif start is not None and end < start:
                self.add_error("end", "The date the post ended must be the same as or after the date you started")
        return cleaned


class SpecialismsForm(forms.Form):
    specialisms = forms.MultipleChoiceField(
        choices=[(s.code, s.label) for s in SPECIALISMS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one specialism",
            "invalid_choice": "Select your specialisms from the list",
        },
    )


class RouteForm(forms.Form):
    def __init__(self, routes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.routes = routes
        self.fields["route"] = forms.ChoiceField(
            choices=[(r.key, r.title) for r in routes],
            widget=forms.RadioSelect,
            error_messages={"required": "Select your route", "invalid_choice": "Select a route from the list"},
        )
