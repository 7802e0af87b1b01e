"""Forms of the alliance's side of commissioning: triage and panel meetings, with GOV.UK messages."""

import datetime as dt
import re

from django import forms
from django.utils import timezone

from web.common.fields import DateInputField, reason_field


class ActionForm(forms.Form):
    """A button that changes something and asks nothing more (confirm, accept for matching)."""


class PassOnForm(forms.Form):
    organisation = forms.ChoiceField(
        error_messages={
            "required": "Select the alliance, hub or grouping to pass the request to",
            "invalid_choice": "Select the alliance, hub or grouping to pass the request to",
        }
    )
    reason = reason_field("Enter why the request is being passed on")

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [("", "Choose")] + [(k, o.name) for k, o in self.organisations.items()]

    def chosen(self):
        return self.organisations.get(self.cleaned_data["organisation"])


class DeclineForm(forms.Form):
    reason = reason_field("Enter why the request is declined")


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class TimeField(forms.CharField):
    """A time of day as people write it: 16:00, 4pm, 4:30pm."""

    def clean(self, value):
        text = super().clean(value).strip().lower().replace(" ", "")
        match = _TIME.match(text)
        if not match:
            raise forms.ValidationError("Enter the time of the meeting, like 16:00 or 4pm", code="invalid")
        hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
        if suffix:
            if not 1 <= hour <= 12:
                raise forms.ValidationError("Enter a real time, like 16:00 or 4pm", code="invalid")
            hour = hour % 12 + (12 if suffix == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError("Enter a real time, like 16:00 or 4pm", code="invalid")
        return dt.time(hour, minute)


class MeetingForm(forms.Form):
    organisation = forms.ChoiceField(
        error_messages={
            "required": "Select whose panel meets",
            "invalid_choice": "Select whose panel meets",
        }
    )
    date = DateInputField("The date of the meeting")
    time = TimeField(max_length=10, error_messages={"required": "Enter the time of the meeting"})
    place = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "The place must be 200 characters or fewer"},
    )
    members = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": "Select members of the panel from the list"},
    )

    def __init__(self, organisations, members_by_organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.members_by_organisation = {str(k): list(v) for k, v in members_by_organisation.items()}
        self.people = {str(p.pk): p for people in self.members_by_organisation.values() for p in people}
        self.fields["organisation"].choices = [(k, o.name) for k, o in self.organisations.items()]
        if len(self.organisations) == 1:
            self.fields["organisation"].initial = next(iter(self.organisations))
        panels_of = {}
        for key, people in self.members_by_organisation.items():
            for person in people:
                panels_of.setdefault(str(person.pk), []).append(self.organisations[key].name)
        several = len(self.organisations) > 1
        self.fields["members"].choices = [
            (k, f"{p.full_name} ({', '.join(panels_of[k])})" if several else p.full_name)
            for k, p in self.people.items()
        ]

    def clean(self):
        data = super().clean()
        key, chosen = data.get("organisation"), data.get("members") or []
        if key and chosen:
            allowed = {str(p.pk) for p in self.members_by_organisation.get(key, [])}
            if set(chosen) - allowed:
                self.add_error("members", f"Select members of {self.organisations[key].name}'s panel")
        return data

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]

    def meets_at(self):
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"]))

    def chosen_members(self):
        return [self.people[k] for k in self.cleaned_data.get("members") or []]


class AgendaAddForm(forms.Form):
    requests = forms.MultipleChoiceField(
        error_messages={
            "required": "Select the requests to add to the agenda",
            "invalid_choice": "Select requests from the list",
        }
    )

    def __init__(self, requests, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = {str(r.pk): r for r in requests}
        self.fields["requests"].choices = [
            (k, f"{r.reference}: {r.client_school.display_name}") for k, r in self.requests.items()
        ]

    def chosen(self):
        return [self.requests[k] for k in self.cleaned_data["requests"]]


class DecideForm(forms.Form):
    leader = forms.ChoiceField(
        error_messages={
            "required": "Select the leader the panel chose",
            "invalid_choice": "Select one of the eligible candidates",
        }
    )
    rationale = reason_field("Enter why the panel chose this leader", noun="rationale")
    passed_over_reason = reason_field(noun="reason")
    recused = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": "Select members of the meeting from the list"},
    )

    def __init__(self, candidates, members, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.members = {str(m.pk): m for m in members}
        self.fields["leader"].choices = [
            (str(c["leader_id"]), f"{c['name']} ({c['organisation']}), {round(c['score'] * 100)}%") for c in candidates
        ]
        self.fields["recused"].choices = [(k, m.full_name) for k, m in self.members.items()]

    def leader_id(self) -> int:
        return int(self.cleaned_data["leader"])

    def chosen_recused(self):
        return [self.members[k] for k in self.cleaned_data.get("recused") or []]


class HoldForm(forms.Form):
    notes = reason_field(noun="notes")


class CancelForm(forms.Form):
    reason = reason_field("Enter why the meeting is cancelled")


USUAL_SEARCH = "usual"


class SearchForm(forms.Form):
    """Which leaders a request's ranking includes: the usual search, or a wider one where a filter
    may be widened (domain.matching.filters.WIDENINGS: never a conflict of interest)."""

    search = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose which leaders the search should include",
            "invalid_choice": "Choose which leaders the search should include",
        },
    )

    def __init__(self, widenings: dict[str, str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["search"].choices = [
            (USUAL_SEARCH, "Only leaders with enough free days (the usual search)"),
            *((name, words[0].upper() + words[1:]) for name, words in widenings.items()),
        ]

    def widen(self) -> list[str]:
        chosen = self.cleaned_data["search"]
        return [] if chosen == USUAL_SEARCH else [chosen]
