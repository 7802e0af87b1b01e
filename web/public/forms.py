"""The school search form: one search box and the filters beside the results (read from GET)."""

from django import forms

# The names in the query string: short, stable, and the same as the inputs' ids.
FILTER_FIELDS = ("phase", "type", "la", "region", "ofsted")


def _choices(any_text, values):
    return [("", any_text), *values]


class SchoolSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        error_messages={"max_length": "Search terms must be 100 characters or fewer"},
    )
    phase = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a phase from the list"})
    type = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a type of school from the list"})
    la = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a local authority from the list"})
    region = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a region from the list"})
    ofsted = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Select an Ofsted outcome from the list"}
    )
    closed = forms.BooleanField(required=False)

    def __init__(self, data=None, *, options: dict):
        super().__init__(data, auto_id="%s")
        self.fields["phase"].choices = _choices("Any phase", [(v, v) for v in options["phases"]])
        self.fields["type"].choices = _choices("Any type", [(v, v) for v in options["types"]])
        self.fields["la"].choices = _choices("Any local authority", [(v, v) for v in options["local_authorities"]])
        self.fields["region"].choices = _choices("Any region", options["regions"])
        self.fields["ofsted"].choices = _choices("Any outcome", options["ofsted"])

    def has_search(self) -> bool:
        """A search box entry or a filter chosen (including closed schools alone is not a search)."""
        data = self.cleaned_data
        return bool(data.get("q") or any(data.get(name) for name in FILTER_FIELDS))

    def active_filter_count(self) -> int:
        return sum(1 for name in FILTER_FIELDS if self.cleaned_data.get(name))

    def search_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data["q"],
            "phase": data["phase"],
            "type_name": data["type"],
            "la_name": data["la"],
            "region_code": data["region"],
            "ofsted": data["ofsted"],
            "include_closed": data["closed"],
        }
