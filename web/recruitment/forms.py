"""The forms of the applicant's pages and of the referee's page. They only parse input: the
services decide what is allowed (domain/recruitment)."""

from django import forms

from domain.designation.criteria.sets import set_choices
from domain.designation.specialisms import PHASES
from domain.recruitment.form_documents import form_choices, form_row
from domain.recruitment.services import MAX_TEXT
from domain.schools.models import School
from web.common.fields import DateInputField, reason_field

TOO_LONG = f"must be {MAX_TEXT:,} characters or fewer"


class SectionForm(forms.Form):
    """One section of the application form: the answer and its evidence. Both may be left empty
    while the application is a draft."""

    answer = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        error_messages={"max_length": f"Your answer {TOO_LONG}"},
    )
    evidence = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        error_messages={"max_length": f"Your evidence {TOO_LONG}"},
    )


class SchoolForm(forms.Form):
    urn = forms.IntegerField(
        min_value=100000,
        max_value=999999,
        error_messages={
            "required": "Enter your school's URN",
            "invalid": "Enter your school's URN as 6 digits, like 140001",
            "min_value": "Enter your school's URN as 6 digits, like 140001",
            "max_value": "Enter your school's URN as 6 digits, like 140001",
        },
    )

    def clean_urn(self):
        urn = self.cleaned_data["urn"]
        school = School.objects.filter(urn=urn).first()
        if school is None:
            raise forms.ValidationError("There is no school with this URN: check it on the school's page")
        self.school = school
        return urn


class DeclarationsForm(forms.Form):
    def __init__(self, declarations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted"] = forms.MultipleChoiceField(
            choices=[(d.key, d.text) for d in declarations],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose from the declarations listed"},
        )


YES_NO = [("yes", "Yes"), ("no", "No")]


class ReferenceForm(forms.Form):
    """The questions put through the link (application_form.questions_for), one field each."""

    def __init__(self, questions, optional, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind == "yes_no":
                self.fields[question.key] = forms.ChoiceField(
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Select yes or no: {question.text[0].lower()}{question.text[1:]}"},
                )
            else:
                self.fields[question.key] = forms.CharField(
                    required=question.key not in optional,
                    max_length=MAX_TEXT,
                    widget=forms.Textarea,
                    error_messages={
                        "required": f"Answer the question: {question.text}",
                        "max_length": f"Your answer {TOO_LONG}",
                    },
                )

    def response(self) -> dict:
        """The answers as the service takes them: yes or no as True or False."""
        return {
            q.key: (self.cleaned_data[q.key] == "yes") if q.kind == "yes_no" else self.cleaned_data[q.key]
            for q in self.questions
        }


# The coordinator's round pages and the applicant's referees page -------------------------------


class RoundForm(forms.Form):
    """A new round: the organisation is one of those the person may recruit for."""

    def __init__(self, organisations, roles, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"] = forms.ChoiceField(
            choices=[("", "Choose an alliance or hub")] + [(k, o.name) for k, o in self.organisations.items()],
            error_messages={
                "required": "Choose the alliance or hub that runs the round",
                "invalid_choice": "Choose an alliance or hub you coordinate",
            },
        )
        self.fields["role"] = forms.ChoiceField(
            choices=roles,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose the role the round recruits", "invalid_choice": "Choose a role listed"},
        )
        # The sets the board has agreed, of the organisations' regions and the national ones.
        regions = {o.region.code for o in organisations if o.region_id}
        unplaced = any(not o.region_id for o in organisations)
        self.fields["criteria_set"].choices = [("", "Choose a criteria set")] + set_choices(
            None if unplaced else regions
        )
        # The application forms the board has agreed, likewise; none chosen: the role's in force.
        self.fields["form_version"].choices = [("", "The form in force for the role")] + form_choices(
            None if unplaced else regions
        )
        self.order_fields(
            ["organisation", "role", "title", "opens_on", "closes_on", "local_need", "phases", "criteria_set"]
        )

    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a title for the round",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    opens_on = DateInputField("The date the round opens")
    closes_on = DateInputField("The date the round closes")
    phases = forms.MultipleChoiceField(
        choices=PHASES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one phase", "invalid_choice": "Choose phases from the list"},
    )
    local_need = forms.CharField(
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        error_messages={
            "required": "Describe the local need the round answers",
            "max_length": f"The local need {TOO_LONG}",
        },
    )
    criteria_set = forms.ChoiceField(
        choices=(),
        error_messages={
            "required": "Choose the criteria set applicants are checked against",
            "invalid_choice": "Choose a criteria set from the list",
        },
    )

    form_version = forms.ChoiceField(
        choices=(),
        required=False,
        error_messages={"invalid_choice": "Choose an application form from the list"},
    )

    def clean(self):
        cleaned = super().clean()
        chosen, role = cleaned.get("form_version"), cleaned.get("role")
        if chosen and role and getattr(form_row(chosen), "role", None) != role:
            self.add_error("form_version", "Choose an application form for the role the round recruits")
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The date the round closes must be the same as or after the date it opens")
        return cleaned

    @property
    def organisation(self):
        return self.organisations.get(self.cleaned_data.get("organisation"))


class ReasonForm(forms.Form):
    """A reason for a change (cancelling a round, withdrawing an application)."""

    def __init__(self, *args, required=True, what="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = forms.CharField(
            required=required,
            max_length=4000,
            widget=forms.Textarea,
            error_messages={
                "required": f"Enter why {what}".strip(),
                "max_length": "The reason must be 4,000 characters or fewer",
            },
        )


def _person_fields(form, prefix: str, who: str) -> None:
    form.fields[f"{prefix}_name"] = forms.CharField(
        max_length=150,
        error_messages={
            "required": f"Enter the name of {who}",
            "max_length": "The name must be 150 characters or fewer",
        },
    )
    form.fields[f"{prefix}_role"] = forms.CharField(
        max_length=150,
        error_messages={
            "required": f"Enter the role of {who}, for example headteacher",
            "max_length": "The role must be 150 characters or fewer",
        },
    )
    form.fields[f"{prefix}_organisation"] = forms.CharField(
        max_length=200,
        error_messages={
            "required": f"Enter the school or organisation of {who}",
            "max_length": "The school or organisation must be 200 characters or fewer",
        },
    )
    form.fields[f"{prefix}_email"] = forms.EmailField(
        max_length=254,
        error_messages={
            "required": f"Enter the email address of {who}",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "The email address must be 254 characters or fewer",
        },
    )


def person_data(form, prefix: str) -> dict:
    """The person's fields as the reference services take them."""
    data = form.cleaned_data
    return {
        "name": data[f"{prefix}_name"],
        "job_title": data[f"{prefix}_role"],
        "organisation_name": data[f"{prefix}_organisation"],
        "email": data[f"{prefix}_email"],
    }


class ConfirmRefereeForm(forms.Form):
    """The coordinator's check of a referee's address (ADR 18): how they checked it."""

    how = forms.ChoiceField(error_messages={"required": "Select how you checked the address"})
    note = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"max_length": "How you checked must be 4,000 characters or fewer"},
    )

    def __init__(self, choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = choices
        self.fields["how"].error_messages["invalid_choice"] = "Select how you checked the address"

    def clean(self):
        data = super().clean()
        if data.get("how") == "other" and not (data.get("note") or "").strip():
            self.add_error("note", "Say how you checked the address")
        return data


class PersonForm(forms.Form):
    """A replacement referee or chair of governors: name, role, organisation and email."""

    def __init__(self, *args, who="the person to ask", **kwargs):
        super().__init__(*args, **kwargs)
        _person_fields(self, "person", who)
        self.fields["reason"] = forms.CharField(
            required=False,
            max_length=4000,
            widget=forms.Textarea,
            error_messages={"max_length": "The reason must be 4,000 characters or fewer"},
        )


class RefereesForm(forms.Form):
    """The people the applicant asks: `slots` is [(prefix, kind, who)] for those still to ask."""

    def __init__(self, slots, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for prefix, _kind, who in slots:
            _person_fields(self, prefix, who)


# Selection (web/recruitment/selection*.py) ------------------------------------------------------


class PaperExerciseForm(forms.Form):
    score = forms.IntegerField(
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Enter the paper exercise score",
            "invalid": "Enter the score as a whole number from 0 to 100",
            "min_value": "Enter the score as a whole number from 0 to 100",
            "max_value": "Enter the score as a whole number from 0 to 100",
        },
    )
    notes = forms.CharField(
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea,
        error_messages={"max_length": f"The notes {TOO_LONG}"},
    )


class ScoresForm(forms.Form):
    """A score (1 to 4) and an evidence note for each competency of the grid; blank scores are left
    unsaved, so an assessor can save part of the grid and come back."""

    def __init__(self, grid, labels, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        for competency in grid:
            self.fields[f"score_{competency.key}"] = forms.TypedChoiceField(
                choices=[(value, f"{value} – {label}") for value, label in labels.items()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Score '{competency.title}' from 1 to 4"},
            )
            self.fields[f"evidence_{competency.key}"] = forms.CharField(
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea,
                error_messages={"max_length": f"The evidence for '{competency.title}' {TOO_LONG}"},
            )

    def clean(self):
        data = super().clean()
        for competency in self.grid:
            if data.get(f"evidence_{competency.key}") and data.get(f"score_{competency.key}") in (None, ""):
                self.add_error(f"score_{competency.key}", f"Score '{competency.title}' to save its evidence")
        return data

    def scores(self) -> dict:
        """The scores given, as assessment_score takes them."""
        return {
            c.key: {"score": self.cleaned_data[f"score_{c.key}"], "evidence": self.cleaned_data[f"evidence_{c.key}"]}
            for c in self.grid
            if self.cleaned_data.get(f"score_{c.key}") not in (None, "")
        }


class PanelMemberForm(forms.Form):
    email = forms.EmailField(
        error_messages={
            "required": "Enter the email address of the person to add to the panel",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        }
    )
    experienced = forms.BooleanField(required=False)

    def clean_email(self):
        from domain.accounts.models import User

        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("There is no one with an account with this email address")
        self.user = user
        return email


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("approved", "Approve"), ("declined", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the panel approves or declines the application"},
    )
    feedback = reason_field("Enter the written feedback to the applicant", noun="feedback", limit=MAX_TEXT)


class AppealForm(forms.Form):
    grounds = reason_field("Enter the grounds for your appeal", name="Your grounds", limit=MAX_TEXT)


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("upheld", "Upheld"), ("dismissed", "Dismissed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the appeal is upheld or dismissed"},
    )
    reasons = reason_field("Enter the reasons for the appeal's outcome", noun="reasons", limit=MAX_TEXT)


class DepartmentDecisionForm(forms.Form):
    """The Department for Education's decision on a recommendation (seed 004 §14; seed 003)."""

    outcome = forms.ChoiceField(
        choices=[("approved", "Approve: designate the leader"), ("declined", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the department approves or declines the recommendation"},
    )
    reasons = reason_field("Enter the reasons for the department's decision", noun="reasons", limit=MAX_TEXT)


class JudgementForm(forms.Form):
    """An assessor's judgement on one criterion, and a claimed exception (issue 14)."""

    result = forms.ChoiceField(
        choices=[("met", "Met"), ("not_met", "Not met")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the criterion is met or not met"},
    )
    evidence = reason_field("Enter the evidence for your judgement", noun="evidence", limit=MAX_TEXT)
    claims_exception = forms.BooleanField(required=False)
