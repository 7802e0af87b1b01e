"""The form of a review: when it was held, a result and a judgement for each of the contract's
impact measures, the summary and (the final review) the evaluation."""

from django import forms

from domain.deployments.models import MeasureJudgement, ReviewKind
from domain.deployments.review_services import RESULT_LIMIT
from web.common.fields import DateInputField, reason_field


class ReviewForm(forms.Form):
    held_on = DateInputField("The date of the review")
    summary = reason_field("Enter a summary of the review", noun="summary")

    def __init__(self, *args, kind: str, measures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.measures = list(measures)
        final = kind == ReviewKind.FINAL
        if final:
            self.fields["evaluation"] = reason_field("Enter the evaluation of the deployment", noun="evaluation")
        for measure in self.measures:
            self.fields[f"result_{measure.pk}"] = forms.CharField(
                required=final,
                max_length=RESULT_LIMIT,
                error_messages={
                    "required": f"Enter the result for {measure.measure}",
                    "max_length": f"The result for {measure.measure} must be {RESULT_LIMIT} characters or fewer",
                },
            )
            self.fields[f"judgement_{measure.pk}"] = forms.ChoiceField(
                required=final,
                choices=MeasureJudgement.choices,
                error_messages={
                    "required": f"Select whether {measure.measure} was met",
                    "invalid_choice": f"Select whether {measure.measure} was met",
                },
            )

        # The error summary lists the errors in the order of the page.
        measures_fields = [f"{part}_{m.pk}" for m in self.measures for part in ("result", "judgement")]
        self.order_fields(["held_on", *measures_fields, "summary", "evaluation"])

    @property
    def rows(self) -> list[dict]:
        """One row a measure, with its two fields, for the template."""
        return [
            {"measure": m, "result": self[f"result_{m.pk}"], "judgement": self[f"judgement_{m.pk}"]}
            for m in self.measures
        ]

    def clean(self):
        cleaned = super().clean()
        # Before the final review a measure may be left out, but not half given.
        for measure in self.measures:
            result, judgement = cleaned.get(f"result_{measure.pk}"), cleaned.get(f"judgement_{measure.pk}")
            if result and not judgement and f"judgement_{measure.pk}" not in self.errors:
                self.add_error(f"judgement_{measure.pk}", f"Select whether {measure.measure} was met")
            elif judgement and not result and f"result_{measure.pk}" not in self.errors:
                self.add_error(f"result_{measure.pk}", f"Enter the result for {measure.measure}")
        return cleaned

    def results(self) -> dict:
        return {
            m.pk: (self.cleaned_data[f"result_{m.pk}"], self.cleaned_data[f"judgement_{m.pk}"])
            for m in self.measures
            if self.cleaned_data.get(f"result_{m.pk}") and self.cleaned_data.get(f"judgement_{m.pk}")
        }
