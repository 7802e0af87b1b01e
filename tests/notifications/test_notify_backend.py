"""The GOV.UK Notify e-mail backend, with Notify's client mocked (there is no network here)."""

from unittest import mock

import pytest
from django.core.mail import EmailMessage, mailers, send_mail

from domain.notifications.notify_backend import NotifyEmailBackend

BACKEND = "domain.notifications.notify_backend.NotifyEmailBackend"
CLIENT = "domain.notifications.notify_backend.NotificationsAPIClient"


@pytest.fixture
def notify_settings(settings):
    settings.MAILERS = {
        "default": {"BACKEND": BACKEND},
        "quiet": {"BACKEND": BACKEND, "OPTIONS": {"fail_silently": True}},
    }
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_TEMPLATE_ID = "template-123"
    return settings


def test_send_mail_goes_through_notify_once_per_recipient(notify_settings):
    with mock.patch(CLIENT) as client_class:
        sent = send_mail("Review due", "Your review is due.", None, ["a@example.test", "b@example.test"])
    assert sent == 1
    client_class.assert_called_once_with("test-key")
    calls = client_class.return_value.send_email_notification.call_args_list
    assert [c.kwargs["email_address"] for c in calls] == ["a@example.test", "b@example.test"]
    for call in calls:
        assert call.kwargs["template_id"] == "template-123"
        assert call.kwargs["personalisation"] == {"subject": "Review due", "body": "Your review is due."}


def test_returns_the_number_of_messages_sent(notify_settings):
    messages = [EmailMessage(f"Subject {i}", "Body", to=[f"p{i}@example.test"]) for i in range(3)]
    with mock.patch(CLIENT) as client_class:
        assert mailers.default.send_messages(messages) == 3
    assert client_class.return_value.send_email_notification.call_count == 3


def test_options_override_the_settings(notify_settings):
    notify_settings.MAILERS = {
        "default": {"BACKEND": BACKEND, "OPTIONS": {"api_key": "other-key", "template_id": "other-template"}}
    }
    with mock.patch(CLIENT) as client_class:
        EmailMessage("Hello", "Body", to=["a@example.test"]).send()
    client_class.assert_called_once_with("other-key")
    assert client_class.return_value.send_email_notification.call_args.kwargs["template_id"] == "other-template"


def test_a_notify_error_raises_unless_fail_silently(notify_settings):
    message = EmailMessage("Review due", "Body", to=["a@example.test"])
    with mock.patch(CLIENT) as client_class:
        client_class.return_value.send_email_notification.side_effect = RuntimeError("400 bad request")
        with pytest.raises(RuntimeError, match="400 bad request"):
            message.send()
        assert message.send(using="quiet") == 0


def test_fail_silently_carries_on_with_the_other_messages(notify_settings):
    messages = [
        EmailMessage("One", "Body", to=["bad@example.test"]),
        EmailMessage("Two", "Body", to=["ok@example.test"]),
    ]
    with mock.patch(CLIENT) as client_class:
        client_class.return_value.send_email_notification.side_effect = [RuntimeError("rejected"), {"id": "x"}]
        assert mailers["quiet"].send_messages(messages) == 1
    assert client_class.return_value.send_email_notification.call_count == 2


def test_nothing_to_send_creates_no_client(notify_settings):
    with mock.patch(CLIENT) as client_class:
        assert NotifyEmailBackend().send_messages([]) == 0
    client_class.assert_not_called()


def test_a_bad_api_key_fails_loudly_or_silently(notify_settings):
    message = EmailMessage("One", "Body", to=["a@example.test"])
    with mock.patch(CLIENT, side_effect=ValueError("bad key")):
        with pytest.raises(ValueError, match="bad key"):
            mailers.default.send_messages([message])
        assert mailers["quiet"].send_messages([message]) == 0


def test_production_selects_notify_when_a_key_is_set(monkeypatch):
    """production.py picks this backend when NOTIFY_API_KEY is in the environment."""
    import importlib
    import sys

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("NOTIFY_API_KEY", "test-key")
    monkeypatch.setenv("SERVICE_BASE_URL", "https://school-to-school-support.example")
    names = ("config.settings.production", "config.settings.base")
    saved = {name: sys.modules.pop(name, None) for name in names}
    try:
        production = importlib.import_module("config.settings.production")
        assert production.MAILERS["default"]["BACKEND"] == BACKEND
    finally:
        for name, module in saved.items():
            sys.modules.pop(name, None)
            if module is not None:
                sys.modules[name] = module
                setattr(sys.modules["config.settings"], name.rsplit(".", 1)[1], module)
