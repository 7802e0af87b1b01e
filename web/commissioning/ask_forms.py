"""One question page's form: the fields of its step (ask_steps.STEPS), taken from every question a
request asks. It parses the page's answers into the draft's plain values; the service's own check
of the draft (ask_steps.Answers.problems) then adds its errors, in the page's order."""

import datetime as dt

from django import forms

from domain.commissioning.models import NlgPackage, ReferrerKind

from .request_forms import RequestQuestionsForm, school_field

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_role")
NOT_A_CONTACT = (
    "You are not a contact at this school: choose who you are asking as, such as its trust or local authority"
)


def referrer_problem(kind: str, school, own_ids) -> str | None:
    """Why the person cannot ask as this kind of referrer for this school, or None."""
    if not kind:
        return "Choose who is asking for the support"
    if kind == ReferrerKind.CLIENT_SCHOOL and school is not None and school.pk not in own_ids:
        return NOT_A_CONTACT
    return None


class AnswerForm(RequestQuestionsForm):
    """The questions of one page: `fields` (in page order) of all the questions below."""

    school = school_field()
    referrer_kind = forms.ChoiceField(
        choices=ReferrerKind.choices,
        required=False,
        error_messages={"invalid_choice": "Choose who is asking for the support"},
    )
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

    def __init__(self, *args, fields, answers, schools=(), public=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in fields]:
            del self.fields[name]
        self.order_fields(fields)
        self.answers, self.public = answers, public
        self.schools = {str(s.pk): s for s in schools}
        if "school" in self.fields:
            self.fields["school"].choices = [(pk, s.display_name) for pk, s in self.schools.items()]
        if "nlg_package" in self.fields:
            labels = dict(NlgPackage.choices)
            self.fields["nlg_package"].choices = [(code, labels[code]) for code in answers.packages]
        if "preferred_organisation" in self.fields:
            self.brokers = answers.brokers
            self.fields["preferred_organisation"].choices = [("", "No preference")] + [
                (str(o.pk), o.name) for o in self.brokers
            ]

    def clean(self):
        data = super().clean()
        if "school" in self.fields and "school" not in self.errors and not data.get("school"):
            self.add_error(
                "school",
                "Choose your school: search for it by name, URN or postcode"
                if self.public
                else "Choose the school that needs support: search for it by name, URN or postcode",
            )
        if "referrer_kind" in self.fields and "referrer_kind" not in self.errors:
            problem = referrer_problem(data.get("referrer_kind") or "", self.answers.school, self.answers.own_ids)
            if problem:
                self.add_error("referrer_kind", problem)
        return data

    def draft_values(self) -> dict:
        """The page's answers as the draft keeps them (plain values the session can store)."""
        values = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif name == "consent_to_share":
                value = bool(value)
            elif name == "needs":
                value = list(value or [])
            else:
                value = value or ""
            values[name] = value
        return values

    def add_problems(self, problems: dict[str, str]) -> None:
        """The service's errors on this page's fields, after the form's own."""
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
