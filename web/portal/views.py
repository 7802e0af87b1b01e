"""A signed-in person's own pages: their home page and notifications, and (for staff) the
timeline of changes of an object they may see."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from domain.accounts.policies import can_read_timeline, is_signed_in
from domain.accounts.selectors import active_memberships_for
from domain.audit.policies import can_read_timeline_of
from domain.audit.selectors import timeline_for, timeline_subject_for
from domain.audit.services import subject_type_of
from domain.commissioning.todo import to_do_for as commissioning_to_do_for
from domain.deployments.todo import to_do_for as deployments_to_do_for
from domain.designation.todo import to_do_for as designation_to_do_for
from domain.leaders.models import Term
from domain.leaders.people import current_designations
from domain.leaders.policies import can_run_leader_lists, is_designated_leader
from domain.leaders.todo import to_do_for_alliance, to_do_for_leader
from domain.notifications import services as notification_services
from domain.notifications.selectors import inbox_for, notifications_for, notifications_list_for, unread_count_for
from domain.recruitment.todo import to_do_for as recruitment_to_do_for
from domain.training.selectors import induction_status
from domain.training.todo import to_do_for as training_to_do_for
from web.common.policy import policy

from .timeline import timeline_entries

NOTIFICATIONS_PER_PAGE = 20
# The home page lists this many of the newest unread notifications, by title; the rest wait on the
# notifications page.
HOME_NOTIFICATIONS = 5
TIMELINE_LIMIT = 200


def _back_to(request, default="portal:home"):
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(default)


# Where each kind of task is done (the domains' to_do_for): the list of its items and, for a
# task about a single item, that item's page (its identifiers are the task's `item`) and the part
# of it that needs doing.
TO_DO_PAGES = {
    "invitations": ("leader:association", None),
    "memorandum": ("leader:memorandum", None),
    "pen_portrait": ("leader:pen-portrait", None),
    "availability": ("leader:availability", "leader:availability-term"),
    "requests": ("alliance:leaders", "alliance:association"),
    "portraits": ("alliance:portraits", "alliance:portrait"),
    "leaders": ("alliance:leaders", "alliance:association"),
    "offers": ("offers:list", "offers:detail"),
    "triage": ("broker:queue", "broker:request"),
    "client_offers": ("requests:list", "requests:detail"),
    "confirm": ("requests:list", "requests:detail"),
    "contract": ("deployments:list", "deployments:contract"),
    "visit_note": ("deployments:list", "deployments:visit-note"),
    "variation": ("deployments:list", "deployments:variation-decide"),
    "concern": ("deployments:list", "deployments:concern-detail"),
    "review": ("deployments:list", "deployments:review-record"),
    "feedback": ("deployments:list", "deployments:feedback-round"),
    "invoice_draft": ("deployments:list", "deployments:invoice-draft"),
    "invoice_chase": ("deployments:invoices", "deployments:invoice"),
    "induction": ("events:list", None),
    "register": ("events:organise", "events:organise-register"),
    "referees": ("rounds:references-to-confirm", "rounds:reference-confirm"),
    "assessments": ("selection:to-assess", "selection:assessment"),
    "recommendations": ("department:recommendations", "department:recommendation"),
    "review_self_assessment": ("portal:home", "portal:review"),
    "reviews_to_decide": ("portal:reviews", "portal:review-pack"),
    "review_feedback": ("portal:home", "portal:review-feedback"),
}


def to_do_link(item) -> str:
    """The page a task is done on: the item's own when the task is about one item."""
    list_page, item_page = TO_DO_PAGES[item.code]
    if item.item and item_page:
        return reverse(item_page, args=item.item)
    return reverse(list_page)


def _things_to_do(user) -> list[dict]:
    items = []
    if is_designated_leader(user):
        items += to_do_for_leader(user, term=Term.containing(timezone.localdate()))
    if can_run_leader_lists(user):
        items += to_do_for_alliance(user)
    items += commissioning_to_do_for(user)
    items += deployments_to_do_for(user)
    items += training_to_do_for(user)
    items += recruitment_to_do_for(user)
    items += designation_to_do_for(user)
    today = timezone.localdate()
    return [
        {
            "text": item.text,
            "href": to_do_link(item),
            "count": item.count,
            "due_on": item.due_on,
            "overdue": item.due_on is not None and item.due_on < today,
            "code": item.code,
        }
        for item in items
    ]


@policy(is_signed_in)
def home(request):
    memberships = active_memberships_for(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "page_title": "Your home page",
            "memberships": memberships,
            "inbox": inbox_for(request.user, limit=HOME_NOTIFICATIONS),
            "things_to_do": _things_to_do(request.user),
            # A leader's current designations, each with its induction (seed 004 §19-21).
            "designations": [(d, induction_status(d)) for d in current_designations(request.user)],
            # Organisations whose timeline the person may read, linked from "Your roles".
            "timeline_links": {
                m.pk: reverse("portal:timeline", args=[subject_type_of(m.organisation), m.organisation.pk])
                for m in memberships
                if can_read_timeline_of(request.user, m.organisation)
            },
        },
    )


@policy(is_signed_in)
def notifications(request):
    page = Paginator(notifications_list_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/notifications.html",
        {
            "page_title": "Your notifications",
            "page": page,
            "unread_count": unread_count_for(request.user),
        },
    )


@policy(is_signed_in)
@require_POST
def notification_read(request, notification_id):
    # Someone else's notification is not found: the selector only holds the person's own.
    notification = get_object_or_404(notifications_for(request.user), pk=notification_id)
    notification_services.notification_mark_read(user=request.user, notification=notification)
    messages.success(request, f"Marked as read: {notification.title}")
    return redirect(_back_to(request))


@policy(is_signed_in)
@require_POST
def notifications_read_all(request):
    count = notification_services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, f"Marked {count} notification{'' if count == 1 else 's'} as read")
    return redirect(_back_to(request))


@policy(can_read_timeline)
def timeline(request, subject_type, subject_id):
    subject = timeline_subject_for(request.user, subject_type, subject_id)
    if subject is None:
        raise Http404("No such record, or not one you can see")
    events = timeline_for(subject, limit=TIMELINE_LIMIT)
    return render(
        request,
        "portal/timeline.html",
        {
            "page_title": f"Timeline: {subject}",
            "subject": subject,
            "subject_kind": subject._meta.verbose_name,
            "entries": timeline_entries(events),
            "truncated": len(events) >= TIMELINE_LIMIT,
        },
    )
