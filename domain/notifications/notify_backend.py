"""A Django e-mail backend that sends through GOV.UK Notify.

Notify sends from a template: ours has two placeholders, ((subject)) and ((body)), and
settings.NOTIFY_TEMPLATE_ID names it. production.py selects this backend when NOTIFY_API_KEY is set:

    MAILERS = {"default": {"BACKEND": "domain.notifications.notify_backend.NotifyEmailBackend"}}

OPTIONS may give "api_key", "template_id" and "fail_silently"; the key and template default to
settings.NOTIFY_API_KEY and settings.NOTIFY_TEMPLATE_ID.
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client import NotificationsAPIClient

logger = logging.getLogger(__name__)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, *, api_key=None, template_id=None, **kwargs):
        super().__init__(**kwargs)
        self.fail_silently = fail_silently
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.client = None

    def open(self):
        if self.client is None:
            self.client = NotificationsAPIClient(self.api_key)
            return True
        return False

    def close(self):
        self.client = None

    def send_messages(self, email_messages):
        """Sends each message to each of its recipients; returns how many messages went to every
        recipient (Django's contract). With fail_silently, failures are logged and skipped."""
        if not email_messages:
            return 0
        try:
            new_client = self.open()
        except Exception:
            if not self.fail_silently:
                raise
            logger.exception("Could not create the GOV.UK Notify client")
            return 0
        sent = 0
        try:
            for message in email_messages:
                if self._send(message):
                    sent += 1
        finally:
            if new_client:
                self.close()
        return sent

    def _send(self, message) -> bool:
        recipients = message.recipients()
        if not recipients:
            return False
        ok = True
        for address in recipients:
            try:
                self.client.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={"subject": str(message.subject), "body": str(message.body)},
                )
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("GOV.UK Notify did not accept an e-mail")
                ok = False
        return ok
