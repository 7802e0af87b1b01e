"""The forms of the front door for requests for support (signed in and public) and of the
client's answers. They only parse input: domain.commissioning.request_services decides what a
request needs, field by field (RequestInvalid)."""

import datetime as dt

from django import forms

from domain.commissioning.errors import RequestInvalid
from domain.commissioning.models import Funding, NlgPackage, Pattern, ReferrerKind
from domain.commissioning.request_services import request_check
from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASES, SPECIALISMS, specialisms_by_area
from domain.leaders.selectors import brokering_organisations
from domain.organisations.models import Organisation, OrganisationKind
from domain.schools.models import School
from domain.schools.selectors import school_search
from web.common.fields import DateInputField
from web.leaders.leader_forms import posted

__all__ = ["posted"]

# One line about each role, from seed 003 ("Get school-to-school support from system leaders").
ROLE_HINTS = {
    DesignationRole.LLE: "An experienced headteacher who supports the leaders of another school",
    DesignationRole.SLE: "A middle or senior leader with a specialism, such as maths, ITT or behaviour",
    DesignationRole.NLE: "An outstanding headteacher who, with their school, supports schools in challenging "
    "circumstances",
    DesignationRole.NLG: "An effective chair of governors, trustee or governance professional who reviews "
    "and improves governance",
}
# Seed 003's NLG packages ("Support available to maintained schools" and "... to trusts").
PACKAGE_HINTS = {
    NlgPackage.MAINTAINED: "For a maintained school with a current requires improvement judgement: 3 days, "
    "and a progress review within 4 months",
    NlgPackage.TRUST: "For an eligible trust: 5 days, and a progress review within 4 months",
    NlgPackage.TRUST_EXTENDED: "For an eligible trust that needs ongoing support: 5 days, up to 5 more, and a "
    "progress review",
}
DAYS_HINT = "From a 2-day diagnostic to a 3-month full-time role, about 65 days. You can use half days, like 2.5"
SEARCH_LIMIT = 20

# The kind of referrer a person's organisation suggests (they can change it).
KIND_FOR_ORGANISATION = {
    OrganisationKind.LOCAL_AUTHORITY: ReferrerKind.LOCAL_AUTHORITY,
    OrganisationKind.DIOCESE: ReferrerKind.DIOCESE,
    OrganisationKind.TRUST: ReferrerKind.TRUST,
    OrganisationKind.REGIONAL_BODY: ReferrerKind.REGIONAL_DIRECTOR,
    OrganisationKind.TSA: ReferrerKind.ALLIANCE,
    OrganisationKind.HUB: ReferrerKind.ALLIANCE,
    OrganisationKind.TSA_GROUPING: ReferrerKind.ALLIANCE,
    OrganisationKind.COMMISSIONER: ReferrerKind.DFE,
}


def schools_found(q: str) -> tuple[list[School], bool]:
    """Up to SEARCH_LIMIT open schools for the search box, and whether there are more."""
    q = " ".join((q or "").split())
    if not q:
        return [], False
    found = list(school_search(q=q)[: SEARCH_LIMIT + 1])
    return found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT


class RequestQuestionsForm(forms.Form):
    """The questions every request answers. Nearly every field is optional here: the service
    says what is missing, in its own words, so that all the problems show at once."""

    needs = forms.MultipleChoiceField(
        choices=[(s.code, s.label) for s in SPECIALISMS],
        required=False,
        error_messages={"invalid_choice": "Choose the areas of support from the list"},
    )
    phase = forms.ChoiceField(
        choices=PHASES, required=False, error_messages={"invalid_choice": "Choose the phase of the school"}
    )
    role_sought = forms.ChoiceField(
        choices=DesignationRole.choices,
        required=False,
        error_messages={"invalid_choice": "Choose the kind of system leader the school needs"},
    )
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": "The description must be 5,000 characters or fewer"},
    )
    days = forms.CharField(
        required=False,
        max_length=10,
        error_messages={"max_length": "Enter the number of days of support, like 2 or 10"},
    )
    pattern = forms.ChoiceField(
        choices=Pattern.choices,
        required=False,
        error_messages={"invalid_choice": "Choose whether the support is in a block or spread out"},
    )
    window_starts = DateInputField("The date the support could start")
    window_ends = DateInputField("The date the support must end by")
    funding = forms.ChoiceField(
        choices=Funding.choices, required=False, error_messages={"invalid_choice": "Choose how the support is funded"}
    )
    nlg_package = forms.ChoiceField(
        choices=NlgPackage.choices,
        required=False,
        error_messages={"invalid_choice": "Choose a support package for a national leader of governance"},
    )
    trust_is_client = forms.BooleanField(required=False)
    preferred_organisation = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an alliance or hub from the list"}
    )
    consent_to_share = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.brokers = list(brokering_organisations())
        self.fields["preferred_organisation"].choices = [("", "No preference")] + [
            (str(o.pk), o.name) for o in self.brokers
        ]
        self.areas = specialisms_by_area()
        self.role_hints = ROLE_HINTS
        self.package_hints = PACKAGE_HINTS
        self.days_hint = DAYS_HINT

    def preferred(self) -> Organisation | None:
        chosen = self.cleaned_data.get("preferred_organisation") or ""
        return next((o for o in self.brokers if str(o.pk) == chosen), None)

    def values(self, school) -> dict:
        """The `values` of request_submit, from what parsed (a field that did not parse is None)."""
        data = self.cleaned_data
        trust = None
        if data.get("trust_is_client") and school is not None and school.trust_code:
            trust = Organisation.objects.filter(kind=OrganisationKind.TRUST, code=school.trust_code).first()
        return {
            "needs": data.get("needs") or [],
            "phase": data.get("phase") or "",
            "role_sought": data.get("role_sought") or "",
            "description": data.get("description") or "",
            "days": data.get("days") or "",
            "pattern": data.get("pattern") or "",
            "window_starts": data.get("window_starts"),
            "window_ends": data.get("window_ends"),
            "funding": data.get("funding") or "",
            "nlg_package": data.get("nlg_package") or "",
            "consent_to_share": bool(data.get("consent_to_share")),
            "client_trust": trust,
        }

    def check_with_service(self, school) -> None:
        """The service's own check of the questions (request_check), so that every problem shows at
        once. Without a school an NLG package's eligibility cannot be checked yet: it waits."""
        values = self.values(school)
        try:
            request_check(values if school else {**values, "nlg_package": ""}, school=school)
        except RequestInvalid as invalid:
            self.add_refusal({k: v for k, v in invalid.errors.items() if school or k != "nlg_package"})

    def add_refusal(self, errors: dict[str, str]) -> None:
        """The service's errors, each on its field (or on the form), after the form's own."""
        for field, message in errors.items():
            target = {"client_trust": "trust_is_client"}.get(field, field)
            if target in self.fields:
                if target not in self.errors:
                    self.add_error(target, message)
            else:
                self.add_error(None, message)


class SchoolChoiceMixin:
    """The school that needs support: one of `choices` (the person's own schools and the search's
    results), posted as its id."""

    def set_schools(self, schools: list[School]) -> None:
        self.schools = {str(s.pk): s for s in schools}
        self.fields["school"].choices = [(pk, s.display_name) for pk, s in self.schools.items()]

    def chosen_school(self) -> School | None:
        chosen = (self.data.get("school") or "") if self.is_bound else (self.initial.get("school") or "")
        return self.schools.get(str(chosen))


def school_field():
    return forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": "Choose the school from the list, or search again"},
    )


class RequestForm(SchoolChoiceMixin, RequestQuestionsForm):
    """The signed-in front door: which school, who is asking, then the questions."""

    school = school_field()
    referrer_kind = forms.ChoiceField(
        choices=ReferrerKind.choices,
        required=False,
        error_messages={"invalid_choice": "Choose who is asking for the support"},
    )

    def __init__(self, *args, own_schools=(), schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.own_school_ids = {s.pk for s in own_schools}
        self.set_schools([*own_schools, *[s for s in schools if s.pk not in self.own_school_ids]])

    def clean(self):
        data = super().clean()
        school = self.chosen_school()
        if school is None and "school" not in self.errors:
            self.add_error("school", "Choose the school that needs support: search for it by name, URN or postcode")
        kind = data.get("referrer_kind")
        if not kind and "referrer_kind" not in self.errors:
            self.add_error("referrer_kind", "Choose who is asking for the support")
        elif kind == ReferrerKind.CLIENT_SCHOOL and school is not None and school.pk not in self.own_school_ids:
            self.add_error(
                "referrer_kind",
                "You are not a contact at this school: choose who you are asking as, such as its trust or "
                "local authority",
            )
        data["school_object"] = school
        return data


class PublicRequestForm(SchoolChoiceMixin, RequestQuestionsForm):
    """The public form: the person at the school, their school, then the questions."""

    # The service asks for these too (request_submit), in the same words.
    contact_name = forms.CharField(
        max_length=150,
        error_messages={"required": "Enter your name", "max_length": "Your name must be 150 characters or fewer"},
    )
    contact_email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    contact_role = forms.CharField(
        max_length=150,
        error_messages={
            "required": "Enter your role at the school",
            "max_length": "Your role must be 150 characters or fewer",
        },
    )
    school = school_field()

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_schools(list(schools))

    def clean(self):
        data = super().clean()
        school = self.chosen_school()
        if school is None and "school" not in self.errors:
            self.add_error("school", "Choose your school: search for it by name, URN or postcode")
        data["school_object"] = school
        return data

    def contact(self) -> dict:
        return {key: self.cleaned_data.get(key) or "" for key in ("contact_name", "contact_email", "contact_role")}


# The draft kept in the session between the form and the check-your-answers page ---------------

DRAFT_KEY = "commissioning_request_draft"


def draft_from(form: RequestForm) -> dict:
    data = form.cleaned_data
    return {
        "school": str(data["school_object"].pk),
        "referrer_kind": data["referrer_kind"],
        "needs": data.get("needs") or [],
        "phase": data.get("phase") or "",
        "role_sought": data.get("role_sought") or "",
        "description": data.get("description") or "",
        "days": data.get("days") or "",
        "pattern": data.get("pattern") or "",
        "window_starts": data["window_starts"].isoformat(),
        "window_ends": data["window_ends"].isoformat(),
        "funding": data.get("funding") or "",
        "nlg_package": data.get("nlg_package") or "",
        "trust_is_client": bool(data.get("trust_is_client")),
        "preferred_organisation": data.get("preferred_organisation") or "",
        "consent_to_share": bool(data.get("consent_to_share")),
    }


def initial_from(draft: dict) -> dict:
    """The form's initial values for a draft (going back from the check page to change it)."""
    initial = dict(draft)
    for key in ("window_starts", "window_ends"):
        if initial.get(key):
            initial[key] = dt.date.fromisoformat(initial[key])
    return initial


def bound_draft(draft: dict, *, own_schools, schools) -> RequestForm | None:
    """The draft as a bound form, parsed again (None if it no longer parses)."""
    data = {key: value for key, value in draft.items() if key not in ("window_starts", "window_ends")}
    for key in ("window_starts", "window_ends"):
        day = dt.date.fromisoformat(draft[key])
        data.update({f"{key}-day": day.day, f"{key}-month": day.month, f"{key}-year": day.year})
    for key in ("trust_is_client", "consent_to_share"):
        data[key] = "on" if draft.get(key) else ""
    form = RequestForm(data, own_schools=own_schools, schools=schools)
    return form if form.is_valid() else None
