"""One small rate limiter for the actions that send e-mail or take public input (ADR 17).

Fixed windows: a counter per (action, scope, key, window) in the database table `rate_limit`
(RateLimitCounter), so that every process of the service counts together (production runs
several gunicorn workers; a per-process memory cache would not). The key (an address, an e-mail,
a school, a person) is stored only as a hash.

`rate_limit_hit(action=..., keys={scope: key})` counts one request against every limit of the
action that has a key, and answers None (go on) or a RateLimited (refuse: its message says when to
try again). A refused request counts against nothing, so a refused sender cannot use up someone
else's allowance (the school's, say)."""

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from domain.audit.security_events import RATE_LIMITED, security_event_record

from .models import RateLimitCounter, User

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    scope: str  # "address", "email", "school" or "person"
    times: int
    per: dt.timedelta


# Every action's limits in one table.
LIMITS: dict[str, tuple[Limit, ...]] = {
    # The public form e-mails the words a stranger wrote to the school's contacts.
    "support_request": (Limit("address", 5, HOUR), Limit("school", 20, DAY)),
    "password_reset": (Limit("address", 5, HOUR), Limit("email", 3, HOUR)),
    "registration": (Limit("address", 5, HOUR),),
    "confirmation_link": (Limit("address", 5, HOUR),),
    "invitation_send_again": (Limit("person", 10, HOUR),),
    "reference_chase": (Limit("person", 10, HOUR),),
    # Each place booked e-mails its confirmation with the event's calendar file.
    "event_booking": (Limit("person", 20, HOUR),),
}
ACTION_NAMES = {
    "support_request": "asking for support",
    "password_reset": "resetting a password",
    "registration": "creating an account",
    "confirmation_link": "asking for a new confirmation link",
    "event_booking": "booking places at events",
    "invitation_send_again": "sending an invitation again",
    "reference_chase": "chasing a reference",
}


@dataclass(frozen=True)
class RateLimited:
    action: str
    scope: str
    retry_after: dt.timedelta

    @property
    def wait_text(self) -> str:
        minutes = max(1, math.ceil(self.retry_after.total_seconds() / 60))
        if minutes <= 90:
            return "1 minute" if minutes == 1 else f"{minutes} minutes"
        hours = math.ceil(minutes / 60)
        return f"{hours} hours"

    @property
    def message(self) -> str:
        return f"You have sent too many requests. Try again in {self.wait_text}."

    def __str__(self):
        return self.message


def _hash(action: str, scope: str, key: str) -> str:
    return hashlib.sha256(f"{action}\x00{scope}\x00{key.strip().lower()}".encode()).hexdigest()


def _window_start(now: dt.datetime, per: dt.timedelta) -> dt.datetime:
    seconds = int(per.total_seconds())
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def rate_limit_hit(*, action: str, keys: dict[str, str], actor=None, path: str = "") -> RateLimited | None:
    """Count one request for `action`; None if it may go on, else why not (and it is audited)."""
    now = timezone.now()
    windows = [
        (limit, _hash(action, limit.scope, keys[limit.scope]), _window_start(now, limit.per))
        for limit in LIMITS[action]
        if keys.get(limit.scope)
    ]
    refused = None
    with transaction.atomic():
        # Windows long past are of no use: clear them as we go (an indexed delete).
        RateLimitCounter.objects.filter(window_start__lt=now - 2 * DAY).delete()
        counters = []
        for limit, key_hash, start in windows:
            try:
                with transaction.atomic():
                    counter, _ = RateLimitCounter.objects.get_or_create(
                        action=action, scope=limit.scope, key_hash=key_hash, window_start=start
                    )
            except IntegrityError:  # another process made it first
                counter = RateLimitCounter.objects.get(
                    action=action, scope=limit.scope, key_hash=key_hash, window_start=start
                )
            counters.append((limit, counter, start))
            if counter.count >= limit.times:
                refused = refused or RateLimited(action, limit.scope, start + limit.per - now)
        if refused is None:
            for limit, counter, start in counters:
                # Counted in the database, so two processes never both take the last place.
                taken = RateLimitCounter.objects.filter(pk=counter.pk, count__lt=limit.times).update(
                    count=F("count") + 1
                )
                if not taken:
                    refused = RateLimited(action, limit.scope, start + limit.per - now)
                    transaction.set_rollback(True)
                    break
    if refused is not None:
        _audit_refusal(refused, keys=keys, actor=actor, path=path)
    return refused


def _audit_refusal(refused: RateLimited, *, keys, actor, path):
    subject = actor if getattr(actor, "pk", None) else None
    if subject is None and keys.get("email"):
        subject = User.objects.filter(email__iexact=keys["email"].strip()).first()
    security_event_record(
        action=RATE_LIMITED,
        actor=actor,
        subject=subject,
        subject_type="accounts.rate_limit",
        subject_label="" if subject else ACTION_NAMES[refused.action],
        data={
            "limited": ACTION_NAMES[refused.action],
            "scope": refused.scope,
            "path": path,
            "address": keys.get("address", ""),
        },
    )
