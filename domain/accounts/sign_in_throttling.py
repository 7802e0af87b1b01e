"""Sign-in throttling on top of django-axes (ADR 17).

- An account and address pair is locked after AXES_FAILURE_LIMIT (5) failures: the attacker's
  address is locked for that account, the person's own address is not.
- An address alone is locked after SIGN_IN_ADDRESS_FAILURE_LIMIT (20) failures across accounts.
- An account that SIGN_IN_ACCOUNT_SLOW_DOWN_AFTER (10) failures have been made against, from any
  addresses, is slowed, never locked: an address the person has not signed in from before must
  wait SIGN_IN_ACCOUNT_WAIT_SECONDS (60) after the last failure; an address they have signed in
  from goes straight through. A try refused by the wait is not counted as a failure.
- Signing in clears only that account and address pair's failures.

All within the cool-off (AXES_COOLOFF_TIME, 30 minutes). Axes compares one number, the failures,
with one limit; each lockout parameter is measured against its own limit, scaled to that one.
"""

import datetime as dt

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def _limit_for(parameter) -> int:
    if parameter == "ip_address" or parameter == ["ip_address"]:
        return settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class SignInThrottle(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        limit = settings.AXES_FAILURE_LIMIT
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            # At or over its own limit exactly when at or over axes' single limit.
            worst = max(worst, failures * limit // _limit_for(parameter))
        return worst

    def is_allowed(self, request, credentials=None) -> bool:
        if not super().is_allowed(request, credentials):
            return False
        if self._must_wait(request, credentials):
            request.sign_in_slowed_down = True
            return False
        return True

    def _must_wait(self, request, credentials) -> bool:
        username = get_client_username(request, credentials)
        if not username:
            return False
        account = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if (account["failures"] or 0) < settings.SIGN_IN_ACCOUNT_SLOW_DOWN_AFTER:
            return False
        wait = dt.timedelta(seconds=settings.SIGN_IN_ACCOUNT_WAIT_SECONDS)
        if account["last"] is None or timezone.now() - account["last"] >= wait:
            return False
        return not AccessLog.objects.filter(username=username, ip_address=request.axes_ip_address).exists()

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A success clears the failures of that account from that address only: clearing the
        address's would let an attacker wipe their count by signing in to an account of their own."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and getattr(request, "sign_in_slowed_down", False):
            # Refused by the wait, not a guess: nothing is counted; the page says to wait.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return
        super().user_login_failed(sender, credentials, request, **kwargs)
