"""GOV.UK-style error pages."""

from django.shortcuts import render

from domain.audit.security_events import ACCESS_REFUSED, security_event_record

PAGES = {
    400: (
        "Sorry, there is a problem with the service",
        ["Your request could not be understood. Go back and try again."],
    ),
    403: (
        "You cannot use this page",
        [
            "Your account does not give you access to this page.",
            "If you think it should, contact your regional representative.",
        ],
    ),
    404: (
        "Page not found",
        [
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    ),
    500: ("Sorry, there is a problem with the service", ["Try again later."]),
}


def _page(request, status):
    title, paragraphs = PAGES[status]
    return render(request, "common/error.html", {"page_title": title, "paragraphs": paragraphs}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400)


def _record_refusal(request, status):
    """A signed-in person refused a page (403), or a record's page (404 for a URL naming a record:
    another organisation's record answers 404 as if it did not exist, so this cannot tell such a
    record from one that does not exist; the page says so)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return
    match = getattr(request, "resolver_match", None)
    if status == 404 and not (match and match.kwargs):
        return
    security_event_record(
        action=ACCESS_REFUSED,
        actor=user,
        subject_type="security.page",
        subject_id=(match.url_name or "")[:64] if match else "",
        subject_label=request.path[:255],
        data={
            "status": status,
            "path": request.path[:500],
            "page": match.view_name if match else "",
            "record": {k: str(v)[:100] for k, v in match.kwargs.items()} if match else {},
        },
    )


def permission_denied(request, exception=None):
    _record_refusal(request, 403)
    return _page(request, 403)


def page_not_found(request, exception=None):
    _record_refusal(request, 404)
    return _page(request, 404)


def server_error(request):
    return _page(request, 500)


def locked_out(request, *args, **kwargs):
    """django-axes: too many failed sign-in attempts (ADR 17). Says what happened and what to do,
    without saying whether the e-mail address has an account."""
    slowed = getattr(request, "sign_in_slowed_down", False)
    return render(
        request,
        "accounts/locked_out.html",
        {"page_title": "Too many attempts to sign in", "slowed": slowed},
        status=429,
    )
