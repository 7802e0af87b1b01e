"""Recording a QA visit or a peer review of one of the alliance's leaders."""

from django import forms

from domain.deployments.models import QaKind, QaOutcome
from web.common.fields import DateInputField, reason_field


class QaForm(forms.Form):
    leader = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Select the system leader",
            "invalid_choice": "Select one of the alliance's system leaders",
        },
    )
    kind = forms.ChoiceField(
        choices=QaKind.choices,
        error_messages={
            "required": "Select whether it was a quality assurance visit or a peer review",
            "invalid_choice": "Select whether it was a quality assurance visit or a peer review",
        },
    )
    held_on = DateInputField("The date it took place")
    deployment = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select one of the leader's deployments, or none"},
    )
    reviewer = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a system leader from the list, or enter a name"},
    )
    reviewer_name = forms.CharField(
        required=False,
        max_length=150,
        error_messages={"max_length": "Name of the peer must be 150 characters or fewer"},
    )
    findings = reason_field("Enter what it found", noun="findings", name="Findings")
    outcome = forms.ChoiceField(
        choices=QaOutcome.choices,
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )

    def __init__(self, *args, leaders=(), deployments=(), peers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.leaders = {leader.pk: leader for leader in leaders}
        self.deployments = {d.pk: d for d in deployments}
        self.peers = {p.pk: p for p in peers}
        self.fields["leader"].choices = [("", "Select a leader"), *((p.pk, p.full_name) for p in leaders)]
        self.fields["deployment"].choices = [
            ("", "Not about one deployment"),
            *((d.pk, f"{d.reference}: {d.leader.full_name} at {d.client_school.display_name}") for d in deployments),
        ]
        self.fields["reviewer"].choices = [("", "Not listed here"), *((p.pk, p.full_name) for p in peers)]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "leader": self.leaders[data["leader"]],
            "kind": data["kind"],
            "held_on": data["held_on"],
            "deployment": self.deployments.get(data["deployment"]),
            "reviewer": self.peers.get(data["reviewer"]),
            "reviewer_name": data["reviewer_name"],
            "findings": data["findings"],
            "outcome": data["outcome"],
        }
