"""Forms for organisations made and changed by hand: the kind first, then the details, the lead
school chosen from the register (by name, URN or postcode, then from a list when several match),
a grouping's member alliances, and the hub an alliance moves to."""

from django import forms

from domain.organisations.admin_services import COMMISSIONER_KINDS, NAME_LENGTH, kind_label
from domain.organisations.models import OrganisationKind
from domain.schools.models import School
from domain.schools.selectors import schools_matching

K = OrganisationKind
MOST_SCHOOLS_SHOWN = 20

# The kinds offered on "Add an organisation", in the order a person thinks of them.
ADD_KINDS = [
    ("tsa", "Teaching school alliance"),
    ("tsa_grouping", "Strategic grouping"),
    ("trust", "Trust"),
    ("commissioner", "Commissioner"),
    ("diocese", "Diocese"),
]
COMMISSIONER_CHOICES = [
    (K.LOCAL_AUTHORITY.value, "Local authority"),
    (K.DIOCESE.value, "Diocese"),
    (K.COMMISSIONER.value, "Another commissioner, such as a regional director's office"),
]
# "Commissioner" on the kind page: its details page asks which kind of commissioner it is.
NEW_COMMISSIONER = "new_commissioner"
assert {value for value, _ in COMMISSIONER_CHOICES} == {k.value for k in COMMISSIONER_KINDS}


def school_label(school: School) -> str:
    town = f", {school.town}" if school.town else ""
    return f"{school.display_name}{town} (URN {school.urn})"


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ADD_KINDS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of organisation",
            "invalid_choice": "Choose the kind of organisation",
        },
    )
    region = forms.ChoiceField(
        error_messages={"required": "Choose the region", "invalid_choice": "Choose the region"},
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {str(r.pk): r for r in regions}
        if len(self.regions) > 1:
            self.fields["region"].choices = [
                ("", "Choose the region"),
                *((pk, r.name) for pk, r in self.regions.items()),
            ]
        else:
            del self.fields["region"]

    def chosen_region(self):
        if "region" in self.fields:
            return self.regions.get(self.cleaned_data.get("region") or "")
        return next(iter(self.regions.values()), None)


class SchoolChoiceForm(forms.Form):
    """A school of the register: typed as a name, URN or postcode; when several open schools
    match, the person chooses one from the list (the query is sent again with the choice)."""

    school_query = forms.CharField(required=False, max_length=120)
    school = forms.ChoiceField(required=False)
    school_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools: dict[str, School] = {}
        self.more_schools = False
        query = " ".join(str(self["school_query"].value() or "").split())
        if query:
            found, total = schools_matching(query, limit=MOST_SCHOOLS_SHOWN)
            self.schools = {str(s.pk): s for s in found}
            self.more_schools = total > MOST_SCHOOLS_SHOWN
        self.fields["school"].choices = [
            ("", "Choose the school"),
            *((pk, school_label(s)) for pk, s in self.schools.items()),
        ]

    @property
    def choosing_school(self) -> bool:
        return len(self.schools) > 1 or bool(self.errors.get("school"))

    def clean(self):
        data = super().clean()
        data["school_object"] = self._chosen_school(data)
        return data

    def _chosen_school(self, data) -> School | None:
        query = " ".join((data.get("school_query") or "").split())
        if not query:
            if self.school_required:
                self.add_error("school_query", "Enter the lead school's name, URN or postcode")
            return None
        posted = data.get("school") or ""
        if posted in self.schools:
            return self.schools[posted]
        if len(self.schools) == 1:
            return next(iter(self.schools.values()))
        exact = [s for s in self.schools.values() if s.display_name.lower() == query.lower()]
        if len(exact) == 1:
            return exact[0]
        if not self.schools:
            self.add_error(
                "school_query", f"No open school on the register matches ‘{query}’: check it or enter the URN"
            )
        else:
            more = " (or enter more of the name)" if self.more_schools else ""
            self.add_error("school", f"Choose the lead school from the list{more}")
        return None


class LeadSchoolForm(SchoolChoiceForm):
    def __init__(self, *args, required=True, **kwargs):
        self.school_required = required
        super().__init__(*args, **kwargs)


class DetailsForm(SchoolChoiceForm):
    """The details of an organisation of one kind; only the fields that kind has are kept."""

    commissioner_kind = forms.ChoiceField(
        choices=COMMISSIONER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of commissioner it is",
            "invalid_choice": "Choose what kind of commissioner it is",
        },
    )
    name = forms.CharField(
        max_length=NAME_LENGTH,
        error_messages={
            "required": "Enter the name of the organisation",
            "max_length": f"The name must be {NAME_LENGTH} characters or fewer",
        },
    )
    code = forms.CharField(
        required=False, max_length=10, error_messages={"max_length": "The trust code must be 10 digits or fewer"}
    )
    website = forms.CharField(
        required=False,
        max_length=255,
        error_messages={"max_length": "The website address must be 255 characters or fewer"},
    )
    member_alliances = forms.MultipleChoiceField(
        required=False, error_messages={"invalid_choice": "Choose the member alliances from the list"}
    )

    FIELDS = {
        K.TSA: {"name", "website", "school_query", "school"},
        K.TSA_GROUPING: {"name", "website", "school_query", "school", "member_alliances"},
        K.TRUST: {"name", "code"},
        NEW_COMMISSIONER: {"commissioner_kind", "name"},
        K.LOCAL_AUTHORITY: {"name"},
        K.DIOCESE: {"name"},
        K.COMMISSIONER: {"name"},
    }

    def __init__(self, *args, kind: str, alliances=(), with_school=True, **kwargs):
        self.kind = kind
        self.school_required = kind == K.TSA
        super().__init__(*args, **kwargs)
        keep = set(self.FIELDS[kind])
        if not with_school:
            keep -= {"school_query", "school"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.alliances = {str(a.pk): a for a in alliances}
        if "member_alliances" in self.fields:
            self.fields["member_alliances"].choices = [(pk, a.name) for pk, a in self.alliances.items()]
        self.with_school = "school_query" in self.fields

    @property
    def what(self) -> str:
        return "commissioner" if self.kind == NEW_COMMISSIONER else kind_label(self.kind)

    def _chosen_school(self, data):
        return super()._chosen_school(data) if self.with_school else None

    def clean(self):
        data = super().clean()
        data["member_objects"] = [self.alliances[pk] for pk in data.get("member_alliances") or []]
        return data


class HubChoiceForm(forms.Form):
    hub = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the hub", "invalid_choice": "Choose the hub"},
    )

    def __init__(self, *args, hubs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hubs = {str(h.pk): h for h in hubs}
        self.fields["hub"].choices = [(pk, h.name) for pk, h in self.hubs.items()]

    def chosen(self):
        return self.hubs.get(self.cleaned_data.get("hub") or "")
