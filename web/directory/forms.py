"""The directory's search form, read from the query string: filters, a leader's name, and "near a
school or postcode" (a school's name or URN, any postcode, sector or district in England, and how
far to look)."""

from django import forms

from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASES, specialisms_by_area
from domain.leaders.directory import Near
from domain.leaders.directory_export import role_label
from domain.schools.postcode_places import place_for, read_postcode
from domain.schools.selectors import schools_matching

# How far from the school a search may look, in kilometres ("" is any distance).
DISTANCES = (5, 10, 25, 50)
# How many schools the "which school do you mean?" step lists.
MAX_SCHOOL_CHOICES = 20
FILTER_FIELDS = ("role", "specialism", "phase", "organisation")


def _specialism_choices():
    return [("", "Any specialism")] + [
        (area, [(s.code, s.label) for s in specialisms]) for area, specialisms in specialisms_by_area()
    ]


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        error_messages={"max_length": "Leader’s name must be 100 characters or fewer"},
    )
    school = forms.CharField(
        required=False,
        max_length=100,
        error_messages={"max_length": "School name, URN or postcode must be 100 characters or fewer"},
    )
    within = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any distance"), *((str(km), f"Within {km} km") for km in DISTANCES)],
        error_messages={"invalid_choice": "Select a distance from the list"},
    )
    role = forms.ChoiceField(
        required=False,
        choices=[("", "Any role"), *((r.value, role_label(r.value)) for r in DesignationRole)],
        error_messages={"invalid_choice": "Select a role from the list"},
    )
    specialism = forms.ChoiceField(
        required=False,
        choices=_specialism_choices,
        error_messages={"invalid_choice": "Select a specialism from the list"},
    )
    phase = forms.ChoiceField(
        required=False,
        choices=[("", "Any phase"), *PHASES],
        error_messages={"invalid_choice": "Select a phase from the list"},
    )
    organisation = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Select a teaching school alliance or hub from the list"},
    )

    def __init__(self, data=None, *, organisations: list[tuple[int, str]]):
        super().__init__(data, auto_id="%s")
        self.fields["organisation"].choices = [("", "Any alliance or hub"), *((str(i), n) for i, n in organisations)]
        self.near_school = None  # the school chosen, once the entry means exactly one
        self.near_place = None  # or the postcode's place, when the entry is a postcode
        self.school_choices = []  # the schools it may mean, when several
        self.school_match_count = 0

    def clean(self):
        data = super().clean()
        text = " ".join((data.get("school") or "").split())
        if not text:
            if data.get("within"):
                self.add_error("school", "Enter a school’s name, URN or postcode to search within a distance of it")
            return data
        if "school" in self.errors:
            return data
        postcode = read_postcode(text)
        if postcode is not None:
            self._near_postcode(text, postcode)
            return data
        schools, total = schools_matching(text, limit=MAX_SCHOOL_CHOICES)
        if total == 0:
            self.add_error("school", f"No school matches “{text}”: check the spelling, or enter its URN or postcode")
        elif total == 1:
            self.near_school = schools[0]
        else:
            self.school_choices, self.school_match_count = schools, total
        return data

    def _near_postcode(self, text, postcode):
        """A whole postcode that is one school's is that school; any other postcode, sector or
        district is its place (the postcode, or the centre of its sector or district)."""
        if len(postcode.inward) == 3:
            schools, total = schools_matching(postcode.whole, limit=1)
            if total == 1:
                self.near_school = schools[0]
                return
        self.near_place = place_for(postcode)
        if self.near_place is None:
            self.add_error(
                "school",
                f"We cannot find where “{text}” is: check the postcode, or enter a school’s name or URN",
            )

    @property
    def needs_school_choice(self) -> bool:
        return bool(self.school_choices)

    def active_filter_count(self) -> int:
        return sum(1 for name in FILTER_FIELDS if self.cleaned_data.get(name))

    def near(self) -> Near | None:
        if self.near_school is None and self.near_place is None:
            return None
        return Near(school=self.near_school, place=self.near_place, within_km=self.cleaned_data.get("within"))

    def search_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "role": data.get("role") or "",
            "specialism": data.get("specialism") or "",
            "phase": data.get("phase") or "",
            "organisation": data.get("organisation"),
            "near": self.near(),
        }
