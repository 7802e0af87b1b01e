"""No copy of a page with personal data may be kept by a browser's cache or a shared one (issue 13,
"Security and privacy to a public service's standard").

Every answer to a signed-in person, and every answer under the addresses that hold personal data
whoever asks (the signed-in areas, the regional admin, recruitment's management and selection,
referees' single-use links, the account pages and the public request form), says
`Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private`. The public pages (the
start page, the register of schools, the directory) keep their caching for signed-out visitors."""

from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = (
    "/home/",
    "/regional/",
    "/recruitment/manage/",
    "/recruitment/selection/",
    "/recruitment/applications/",
    "/references/",
    "/account/",
    "/support/",
)


def _private(request) -> bool:
    if request.path.startswith(PRIVATE_PREFIXES):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreForPersonalDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _private(request):
            add_never_cache_headers(response)
        return response
