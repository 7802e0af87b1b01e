"""A system leader's own availability: days offered each term, days committed to deployments and
what remains, and the periods they are unavailable (DESIGN.md capability 7). The alliance they
are associated with and the matching panel read the same figures; the public never does."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from domain.leaders import availability_services as services
from domain.leaders.models import Term
from domain.leaders.models.availability import days_text, days_words
from domain.leaders.people import AssociationRefused
from domain.leaders.policies import is_designated_leader
from domain.leaders.selectors import unavailable_periods_of
from web.common.policy import policy

from .leader_forms import TermForm, UnavailableForm, posted


@policy(is_designated_leader)
def availability(request):
    leader = request.user
    terms = services.upcoming_terms()
    return render(
        request,
        "leaders/leader/availability.html",
        {
            "page_title": "Your availability",
            "summaries": services.availability_summaries([leader], terms)[leader.pk],
            "periods": list(unavailable_periods_of(leader)),
        },
    )


def _term(term_key) -> Term:
    try:
        return Term.parse(term_key)
    except ValueError:
        raise Http404 from None


@policy(is_designated_leader)
def availability_term(request, term_key):
    leader = request.user
    term = _term(term_key)
    summary = services.availability_summaries([leader], [term])[leader.pk][0]
    initial = {"days": days_text(summary.offered), "note": summary.note}
    form = TermForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.availability_set(
                actor=leader, leader=leader, term=term, days=form.cleaned_data["days"], note=form.cleaned_data["note"]
            )
        except AssociationRefused as refusal:
            form.add_error("days", str(refusal))
        else:
            messages.success(request, f"You offer {days_words(row.days_offered)} in the {term.label.lower()}")
            return redirect("leader:availability")
    return render(
        request,
        "leaders/leader/availability_term.html",
        {"page_title": f"Days you can offer: {term.label.lower()}", "form": form, "term": term, "summary": summary},
    )


@policy(is_designated_leader)
def unavailable_add(request):
    form = UnavailableForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unavailable_add(
                actor=request.user,
                leader=request.user,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
            )
        except AssociationRefused as refusal:
            form.add_error("ends_on", str(refusal))
        else:
            messages.success(request, "The period you are unavailable was added")
            return redirect("leader:availability")
    return render(
        request, "leaders/leader/unavailable_add.html", {"page_title": "Add a time you are unavailable", "form": form}
    )


@policy(is_designated_leader)
@require_POST
def unavailable_remove(request, period_id):
    # Another person's period is not found: only the leader's own are looked up.
    period = get_object_or_404(unavailable_periods_of(request.user), pk=period_id)
    services.unavailable_remove(actor=request.user, period=period)
    messages.success(request, "The period you were unavailable was removed")
    return redirect("leader:availability")
