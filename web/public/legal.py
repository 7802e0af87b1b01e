"""The pages a public body must publish, linked from every page's footer (issue 13): the privacy
notice, the cookies page and the accessibility statement, and the help page, where the phase
banner's feedback link goes (issue 15). Open to everyone.

The privacy notice renders the retention table from the code (domain/audit/retention.py), and the
cookies page lists the cookies from the settings, so neither can say something the service does
not do."""

import datetime as dt

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render

from domain.audit.retention import RULES
from web.common.policy import public

DEFAULT_CONTROLLER = "the regional body that runs this service"
# The accessibility statement's dates (GOV.UK's model statement asks for both).
STATEMENT_PREPARED = dt.date(2026, 12, 6)
STATEMENT_REVIEWED = dt.date(2026, 12, 6)
# Message storages that keep a message in a cookie until the next page shows it.
COOKIE_MESSAGE_STORAGES = {
    "django.contrib.messages.storage.fallback.FallbackStorage",
    "django.contrib.messages.storage.cookie.CookieStorage",
}


def controller_name() -> str:
    return (getattr(settings, "SERVICE_CONTROLLER_NAME", "") or "").strip() or DEFAULT_CONTROLLER


def duration(seconds: int) -> str:
    """A cookie's lifetime in words: "8 hours", "1 year"."""
    days = seconds / 86400
    if days >= 364:
        years = round(days / 365) or 1
        return f"{years} year{'' if years == 1 else 's'}"
    if days >= 1:
        whole = round(days)
        return f"{whole} day{'' if whole == 1 else 's'}"
    hours = max(1, round(seconds / 3600))
    return f"{hours} hour{'' if hours == 1 else 's'}"


def essential_cookies() -> list[dict]:
    """The cookies the service sets, as the settings configure them: name, purpose, expiry."""
    session_age = duration(settings.SESSION_COOKIE_AGE)
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        session_expiry = f"When you close your browser (you are signed out after {session_age} in any case)"
    else:
        session_expiry = session_age
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in as you move from page to page, and remembers the answers you have "
            "given while you fill in a form",
            "expires": session_expiry,
        }
    ]
    if not settings.CSRF_USE_SESSIONS:
        cookies.append(
            {
                "name": settings.CSRF_COOKIE_NAME,
                "purpose": "Makes sure that the forms you send come from this service, not from another website",
                "expires": duration(settings.CSRF_COOKIE_AGE)
                if settings.CSRF_COOKIE_AGE
                else "When you close your browser",
            }
        )
    if settings.MESSAGE_STORAGE in COOKIE_MESSAGE_STORAGES:
        cookies.append(
            {
                "name": CookieStorage.cookie_name,
                "purpose": "Carries a short message, such as “Your changes have been saved”, to the next page you see",
                "expires": "As soon as the message is shown, or when you close your browser",
            }
        )
    return cookies


@public
def privacy(request):
    return render(
        request,
        "public/privacy.html",
        {"page_title": "Privacy notice", "controller": controller_name(), "rules": RULES},
    )


@public
def cookies(request):
    return render(request, "public/cookies.html", {"page_title": "Cookies", "cookies": essential_cookies()})


@public
def accessibility(request):
    return render(
        request,
        "public/accessibility.html",
        {
            "page_title": "Accessibility statement",
            "controller": controller_name(),
            "controller_at_start": controller_name()[:1].upper() + controller_name()[1:],
            "controller_named": controller_name() != DEFAULT_CONTROLLER,
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
        },
    )


@public
def help_page(request):
    return render(
        request,
        "public/help.html",
        {
            "page_title": "Help and feedback",
            "controller": controller_name(),
            "support_email": settings.SERVICE_SUPPORT_EMAIL,
            "signed_in": request.user.is_authenticated,
        },
    )
