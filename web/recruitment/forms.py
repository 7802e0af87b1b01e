"""The forms of the applicant's pages and of the referee's page. They only parse input: the
services decide what is allowed (domain/recruitment)."""

from django import forms

from domain.recruitment.services import MAX_TEXT
from domain.schools.models import School

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
