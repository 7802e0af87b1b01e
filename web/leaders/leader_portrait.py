"""A system leader's own pen portrait: where it stands, changing it, and taking it down. The
alliance, hub or grouping they are associated with approves each version before the directory
shows it (domain/leaders/portrait_services.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from domain.designation.models import DesignationRole
from domain.designation.specialisms import labels_of, specialisms_by_area
from domain.leaders import portrait_services as services
from domain.leaders.people import AssociationRefused, current_designations
from domain.leaders.policies import is_designated_leader
from domain.leaders.selectors import active_association_of
from domain.leaders.workflows import PortraitStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .leader_forms import PortraitForm, TakeDownForm, posted

P = PortraitStatus
# Seed 003: NLEs and NLGs are listed with their own contact; LLEs and SLEs "can be contacted
# through teaching schools", so only the former may publish a contact.
CONTACT_ROLES = {DesignationRole.NLE, DesignationRole.NLG}

WHERE_IT_STANDS = {
    P.DRAFT: "This version is a draft: only you can see it. Submit it for approval when it is ready.",
    P.SUBMITTED: "This version is waiting for approval. You can change it once it has been approved or returned.",
    P.RETURNED: "This version was returned for changes. Make them, then submit it again.",
}


def _portrait_view(portrait):
    """The words a person reads for a version of the pen portrait."""
    if portrait is None:
        return None
    phases, specialisms = labels_of(portrait.phases, portrait.specialisms)
    return {"portrait": portrait, "phases": phases, "specialisms": specialisms}


@policy(is_designated_leader)
def pen_portrait(request):
    leader = request.user
    latest = services.portrait_latest(leader)
    published = services.portrait_published(leader)
    pending = latest if latest is not None and latest.status in WHERE_IT_STANDS else None
    designations = current_designations(leader)
    return render(
        request,
        "leaders/leader/pen_portrait.html",
        {
            "page_title": "Your pen portrait",
            "published": _portrait_view(published),
            "pending": _portrait_view(pending),
            "where_it_stands": WHERE_IT_STANDS.get(pending.status) if pending else "",
            "taken_down": latest if latest is not None and latest.status == P.WITHDRAWN else None,
            "can_change": latest is None or latest.status != P.SUBMITTED,
            "association": active_association_of(leader),
            "roles": [d.get_role_display() for d in designations],
            "shows_contact": any(d.role in CONTACT_ROLES for d in designations),
        },
    )


def _initial(portrait) -> dict:
    if portrait is None:
        return {}
    return {name: getattr(portrait, name) for name in services.FIELDS}


@policy(is_designated_leader)
def pen_portrait_change(request):
    leader = request.user
    latest = services.portrait_latest(leader)
    with_contact = any(d.role in CONTACT_ROLES for d in current_designations(leader))
    form = PortraitForm(posted(request), initial=_initial(latest), with_contact=with_contact)
    submitting = request.POST.get("action") == "submit"
    if request.method == "POST" and form.is_valid():
        try:
            # Saving and submitting is one change: a refused submission keeps nothing.
            save = services.portrait_save_and_submit if submitting else services.portrait_save_draft
            save(actor=leader, values=form.values())
        except (AssociationRefused, TransitionRefused) as refusal:
            field = "experience" if "experience" in str(refusal).lower() else None
            form.add_error(field, str(refusal))
        else:
            messages.success(
                request,
                "Your pen portrait was submitted for approval"
                if submitting
                else "Your pen portrait was saved as a draft: submit it for approval when it is ready",
            )
            return redirect("leader:pen-portrait")
    return render(
        request,
        "leaders/leader/pen_portrait_change.html",
        {
            "page_title": "Change your pen portrait",
            "form": form,
            "areas": specialisms_by_area(),
            "chosen_specialisms": set(form["specialisms"].value() or []),
            "waiting": latest is not None and latest.status == P.SUBMITTED,
        },
    )


@policy(is_designated_leader)
def pen_portrait_withdraw(request):
    published = services.portrait_published(request.user)
    if published is None:
        raise Http404
    form = TakeDownForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.portrait_withdraw(actor=request.user, portrait=published, reason=form.cleaned_data["reason"])
        except (AssociationRefused, TransitionRefused) as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, "Your pen portrait was taken out of the directory")
            return redirect("leader:pen-portrait")
    return render(
        request,
        "leaders/leader/pen_portrait_withdraw.html",
        {"page_title": "Take your pen portrait out of the directory", "form": form, "published": published},
    )
