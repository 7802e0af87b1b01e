"""The questions of the front door for requests for support (signed in and public), asked one
page at a time (ask_forms.AnswerForm takes a page's fields from here). They only parse input:
domain.commissioning.request_services decides what a request needs, field by field (RequestInvalid)."""

from django import forms

from domain.commissioning.models import Funding, NlgPackage, Pattern, ReferrerKind
from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASES, SPECIALISMS, specialisms_by_area
from domain.organisations.models import OrganisationKind
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
    preferred_organisation = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an alliance or hub from the list"}
    )
    consent_to_share = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = specialisms_by_area()
        self.role_hints = ROLE_HINTS
        self.package_hints = PACKAGE_HINTS
        self.days_hint = DAYS_HINT


def school_field():
    return forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": "Choose the school from the list, or search again"},
    )
