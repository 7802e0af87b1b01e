"""Reading security events for the regional representative's page (issue 13).

What a representative sees: security events (security_events.KINDS) done by a person with a role
in an organisation of their region, recorded against such an organisation, or about such a person
(sign-in failures, lockouts, slow-downs and rate-limit refusals name the account when the e-mail
address typed has one). Failures for e-mail addresses without an account, and refusals of
strangers on the public forms, belong to no region: only the service's technical admin sees them."""

import datetime as dt

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from domain.accounts.models import Membership, User
from domain.organisations.selectors import regions_administered_by

from .models import AuditEvent
from .security_events import KINDS

PERSON = "security.user"  # security_event_record's name for a person it concerns


def _as_text_ids(users: QuerySet) -> QuerySet:
    return users.annotate(text_id=Cast("pk", output_field=CharField())).values("text_id")


def security_events_for(
    user, *, kind: str = "", email: str = "", since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(action__in=list(KINDS))
    if not getattr(user, "is_superuser", False):
        regions = regions_administered_by(user)
        people = User.objects.filter(
            pk__in=Membership.objects.filter(organisation__region_id__in=regions).values("user_id")
        )
        events = events.filter(
            Q(actor__in=people)
            | Q(organisation__region_id__in=regions)
            | Q(subject_type__in=(PERSON, "accounts.user"), subject_id__in=_as_text_ids(people))
        )
    if kind:
        events = events.filter(action=kind)
    if email:
        named = User.objects.filter(email__iexact=email.strip())
        events = events.filter(
            Q(actor__in=named) | Q(subject_type__in=(PERSON, "accounts.user"), subject_id__in=_as_text_ids(named))
        )
    zone = timezone.get_current_timezone()
    if since:
        events = events.filter(occurred_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=zone))
    if until:
        events = events.filter(
            occurred_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        )
    return events.select_related("actor").order_by("-occurred_at", "-id")
