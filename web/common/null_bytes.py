"""Refuses a request whose address carries a NUL byte (issue 13, "Security and privacy": no input
may cause a 500).

PostgreSQL cannot hold NUL in text (Django raises ValueError or DataError for a query with one), so
a NUL in a path argument or a query-string value that reached a lookup answered 500. No address
of the service has a use for it: the page answers 400 ("Your request could not be understood")
before any view runs. Forms refuse NUL in posted fields themselves (Django's CharField says "Null
characters are not allowed")."""

from django.core.exceptions import BadRequest

NUL = "\x00"


def _has_nul(request) -> bool:
    # The raw query string: a NUL in any key or value is "%00" there (or itself), whatever the rest.
    query = request.META.get("QUERY_STRING", "")
    return NUL in request.path_info or "%00" in query or NUL in query


class RefuseNulBytesMiddleware:
    """After sign-in is known, so the 400 page has the person's header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            raise BadRequest("A NUL byte in the address")
        return self.get_response(request)
