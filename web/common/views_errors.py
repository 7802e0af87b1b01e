"""GOV.UK-style error pages."""

from django.shortcuts import render

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


def permission_denied(request, exception=None):
    return _page(request, 403)


def page_not_found(request, exception=None):
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
