"""Forms of feedback: a side's answers to a round, and a question of the region's form."""

from django import forms

from domain.deployments import feedback_questions as fq


def field_name(key: str) -> str:
    return f"answer_{key}"


class ScaleField(forms.ChoiceField):
    """Radios from 1 to 5 whose range is checked by the service, so that every question's message
    shows at once."""

    def valid_value(self, value):
        return True


class AnswersForm(forms.Form):
    """One field a question (radios for a scale, a textarea for a written answer). Whether an answer
    is required and in range is the service's rule (feedback_services.clean_answers): its messages
    are shown on the fields."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question["kind"] == fq.SCALE:
                self.fields[field_name(question["key"])] = ScaleField(
                    required=False, choices=list(fq.SCALE_WORDS.items())
                )
            else:
                self.fields[field_name(question["key"])] = forms.CharField(
                    required=False,
                    max_length=fq.MAX_ANSWER,
                    widget=forms.Textarea,
                    error_messages={"max_length": f"Answer must be {fq.MAX_ANSWER:,} characters or fewer"},
                )

    def answers(self) -> dict:
        return {q["key"]: self.cleaned_data.get(field_name(q["key"])) for q in self.questions}

    def items(self) -> list[tuple[dict, forms.BoundField]]:
        return [(q, self[field_name(q["key"])]) for q in self.questions]


class QuestionForm(forms.Form):
    text = forms.CharField(
        max_length=fq.MAX_TEXT,
        error_messages={
            "required": "Enter the question",
            "max_length": f"Question must be {fq.MAX_TEXT} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        choices=list(fq.KINDS.items()),
        error_messages={
            "required": "Select whether the question is answered on a scale of 1 to 5 or in writing",
            "invalid_choice": "Select whether the question is answered on a scale of 1 to 5 or in writing",
        },
    )
    audience = forms.MultipleChoiceField(
        choices=list(fq.AUDIENCES.items()),
        error_messages={
            "required": "Select who answers the question",
            "invalid_choice": "Select the client school, the system leader or both",
        },
    )
    required = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={
            "required": "Select whether an answer is required",
            "invalid_choice": "Select whether an answer is required",
        },
    )

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "kind": data["kind"],
            "audience": data["audience"],
            "required": data["required"] == "yes",
        }

    @staticmethod
    def initial_of(question: dict) -> dict:
        return {
            "text": question["text"],
            "kind": question["kind"],
            "audience": list(question.get("for", [])),
            "required": "yes" if question.get("required") else "no",
        }
