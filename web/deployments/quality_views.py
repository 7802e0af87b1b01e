"""Quality assurance pages (seed 000 "Quality assurance": "QA may include feedback templates,
visits, mid deployment reviews, peer review"; issue 6: "results on the leader's and the TSA's
pages").

- The TSA's page: an alliance's leaders with their QA activities and revealed feedback (the
  client's mean score), and recording a QA visit or a peer review. Its coordinators and its
  region's representatives; another alliance answers 404.
- The leader's page: a leader's quality record (QA results, revealed feedback, reach), for the
  leader and for the alliances that broker them (each sees its own records); 404 otherwise."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.policies import is_regional_representative, is_signed_in
from domain.deployments.errors import DeploymentRefused
from domain.deployments.feedback_selectors import SIDES, answers_of, feedback_summaries
from domain.deployments.models import QaOutcome
from domain.deployments.policies import can_run_quality_assurance
from domain.deployments.qa_services import qa_record
from domain.deployments.quality_selectors import (
    activities_of,
    deployments_of,
    leader_for_quality,
    leader_record,
    leaders_of,
    organisation_for_quality,
    organisations_for_quality,
)
from domain.leaders.models.availability import days_text
from web.common.fields import id_from
from web.common.policy import policy

from .quality_forms import QaForm

PER_PAGE = 25
RECENT_ACTIVITIES = 20

OUTCOME_TAGS = {
    QaOutcome.STRONG: "govuk-tag--green",
    QaOutcome.EFFECTIVE: "govuk-tag--blue",
    QaOutcome.DEVELOPING: "govuk-tag--yellow",
    QaOutcome.NOT_YET: "govuk-tag--red",
}
SIDE_TITLES = {"client": "The client school", "leader": "The system leader"}


def _organisation_or_404(request, organisation_id):
    organisation = organisation_for_quality(request.user, organisation_id)
    if organisation is None:
        raise Http404("No such alliance, or not one you act for")
    return organisation


@policy(can_run_quality_assurance)
def quality_organisations(request):
    page = Paginator(organisations_for_quality(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "deployments/quality/organisations.html",
        {
            "page_title": "Quality assurance",
            "page": page,
            "can_edit_form": is_regional_representative(request.user),
        },
    )


@policy(can_run_quality_assurance)
def quality_organisation(request, organisation_id):
    organisation = _organisation_or_404(request, organisation_id)
    page = Paginator(leaders_of(organisation), PER_PAGE).get_page(request.GET.get("page"))
    leaders = list(page.object_list)
    summaries = feedback_summaries([leader.pk for leader in leaders], {organisation.pk})
    outcomes = dict(QaOutcome.choices)
    rows = [
        {
            "leader": leader,
            "qa_count": leader.qa_count or 0,
            "latest": (
                {"text": outcomes[leader.latest_outcome], "classes": OUTCOME_TAGS[leader.latest_outcome]}
                if leader.latest_outcome
                else None
            ),
            "latest_held_on": leader.latest_held_on,
            "summary": summaries[leader.pk],
        }
        for leader in leaders
    ]
    return render(
        request,
        "deployments/quality/organisation.html",
        {
            "page_title": f"Quality assurance: {organisation.name}",
            "organisation": organisation,
            "page": page,
            "rows": rows,
            "activities": list(activities_of(organisation)[:RECENT_ACTIVITIES]),
            "outcome_tags": OUTCOME_TAGS,
        },
    )


@policy(can_run_quality_assurance)
def quality_record(request, organisation_id):
    organisation = _organisation_or_404(request, organisation_id)
    leaders = list(leaders_of(organisation))
    deployments = deployments_of(organisation)
    initial = {}
    leader_id = id_from(request.GET.get("leader"))
    if leader_id is not None:
        initial["leader"] = leader_id
    form = QaForm(request.POST or None, leaders=leaders, deployments=deployments, peers=leaders, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            activity = qa_record(actor=request.user, organisation=organisation, **values)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, f"{activity.get_kind_display()} of {activity.leader.full_name} recorded. They have been told."
            )
            return redirect("deployments:quality-organisation", organisation_id=organisation.pk)
    return render(
        request,
        "deployments/quality/record.html",
        {
            "page_title": "Record a QA visit or peer review",
            "organisation": organisation,
            "form": form,
            "button_text": "Record it",
        },
    )


@policy(is_signed_in)
def quality_leader(request, leader_id):
    found = leader_for_quality(request.user, leader_id)
    if found is None:
        raise Http404("No such leader, or not one whose record you can see")
    leader, organisation_ids = found
    record = leader_record(leader, organisation_ids)
    own = leader.pk == request.user.pk
    rounds = [
        {
            "round": round_,
            "answers": [
                (SIDE_TITLES[r.party], answers_of(round_, r))
                for r in sorted(round_.responses.all(), key=lambda r: SIDES.index(r.party))
            ],
        }
        for round_ in record.rounds
    ]
    return render(
        request,
        "deployments/quality/leader.html",
        {
            "page_title": "Your quality record"
            if leader.pk == request.user.pk
            else f"Quality record: {leader.full_name}",
            "leader": leader,
            "record": record,
            "rounds": rounds,
            "outcome_tags": OUTCOME_TAGS,
            "hours": days_text(record.reach.hours),
            "days": days_text(record.reach.days),
            "own": own,
        },
    )
