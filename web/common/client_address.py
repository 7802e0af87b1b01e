"""The address a request came from, for sign-in throttling and rate limits (ADR 17).

REMOTE_ADDR, unless the deployment says it sits behind proxies (TRUSTED_PROXY_COUNT, the number of
proxies of ours in front of the service; docs/deployment.md). Then the address is read from
X-Forwarded-For, counting that many hops from the right: each proxy appends the address it saw,
so the hops to the left of ours are whatever the client chose to send and are never trusted.
With one proxy that sets the header afresh, that is the header's first and only hop.
"""

from ipaddress import ip_address

from django.conf import settings


def _valid(candidate: str) -> str | None:
    candidate = candidate.strip()
    try:
        return str(ip_address(candidate))
    except ValueError:
        return None


# A request with no address of its own (a test's signed-in client, a command): an address the
# database's address columns accept (django-axes stores it in one), never a real client's.
NOT_KNOWN = "0.0.0.0"  # noqa: S104 - a stored value, not an address to listen on


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            forwarded = _valid(hops[-proxies])
            if forwarded:
                return forwarded
    return _valid(remote) or NOT_KNOWN
