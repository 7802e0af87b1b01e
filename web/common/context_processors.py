"""What every page needs: the service's name and the navigation for this person."""

from django.conf import settings
from django.urls import reverse

from domain.accounts.policies import can_use_regional_admin, second_factor_outstanding
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.commissioning.policies import can_run_panels
from domain.leaders.policies import can_run_leader_lists, is_designated_leader
from domain.recruitment.policies import can_manage_rounds, is_department_official
from domain.recruitment.selectors import has_applications, sits_on_a_panel


def _applies(user) -> bool:
    """System leaders, and anyone who has applied, see their applications in the navigation."""
    return bool(organisation_ids_of(user, Role.SYSTEM_LEADER)) or has_applications(user)


def _where(request) -> tuple[str, str]:
    match = getattr(request, "resolver_match", None)
    return (match.namespace, match.url_name or "") if match else ("", "")


def _item(name: str, text: str, active: bool = False) -> dict:
    return {"href": reverse(name), "text": text, "active": active}


def _navigation(request, awaiting_second_factor: bool) -> list[dict]:
    """The service navigation: at most six items, always in this order (ADR 21):
    Home, Support requests, Deployments, Leaders (or a leader's own profile), Recruitment, Events.
    Each person sees the ones their roles open. Signed out, the public tools take their place."""
    user = getattr(request, "user", None)  # absent on a 404 answered before the middleware ran
    namespace, url_name = _where(request)
    if not (user and user.is_authenticated):
        return [
            _item("directory:search", "Find a system leader", namespace == "directory"),
            _item("support:ask", "Ask for support", namespace == "support"),
            _item("recruitment:open-rounds", "Become a system leader", url_name == "open-rounds"),
            _item("public:school-search", "Find a school", url_name in ("school-search", "school-detail")),
        ]
    if awaiting_second_factor:
        # Until the second factor is given, nothing is open to them but the account bar's sign-out.
        return []
    items = [_item("portal:home", "Home", namespace == "portal" and not url_name.startswith("designation"))]
    requests_page = "broker:queue" if can_run_panels(user) else "requests:list"
    items.append(_item(requests_page, "Support requests", namespace in ("broker", "requests", "offers")))
    items.append(_item("deployments:list", "Deployments", namespace == "deployments"))
    if can_run_leader_lists(user):
        # Designations are the leaders' too: their list is linked from the leaders page.
        leaders_active = namespace in ("alliance", "register") or url_name.startswith("designation")
        items.append(_item("alliance:leaders", "Leaders", leaders_active))
    elif is_designated_leader(user):
        items.append(_item("leader:association", "Your profile", namespace == "leader"))
    if is_department_official(user):
        # The Department for Education decides the NLE and NLG recommendations (seed 004 §14).
        items.append(_item("department:recommendations", "Recruitment", namespace == "department"))
    elif can_manage_rounds(user):
        items.append(_item("rounds:rounds", "Recruitment", namespace in ("rounds", "recruitment")))
    elif sits_on_a_panel(user):
        # A panel member: the applications they are to score (issue 14, "Panel members"); the list
        # links to their own applications, if they have any.
        items.append(_item("selection:to-assess", "Recruitment", namespace in ("selection", "recruitment")))
    elif _applies(user):
        items.append(_item("recruitment:applications", "Recruitment", namespace == "recruitment"))
    items.append(_item("events:list", "Events", namespace == "events"))
    return items


def _account_links(request, awaiting_second_factor: bool) -> list[dict]:
    """The header's account links, beside its "Sign out" button (layout.html)."""
    user = getattr(request, "user", None)
    namespace, url_name = _where(request)
    if not (user and user.is_authenticated):
        return [_item("accounts:sign-in", "Sign in", url_name == "sign-in")]
    if awaiting_second_factor:
        return []
    links = []
    if can_use_regional_admin(user):
        links.append(_item("regional:home", "Regional admin", namespace == "regional"))
    links.append(_item("accounts:account", "Your account", namespace == "accounts"))
    return links


def service(request):
    user = getattr(request, "user", None)
    # Asked once a page, for both the navigation and the account bar.
    awaiting = bool(user and user.is_authenticated and second_factor_outstanding(user))
    return {
        "service_name": settings.SERVICE_NAME,
        # The phase banner says the data is made up wherever the demo region may be loaded.
        "demo_data": settings.DEMO_DATA_ALLOWED,
        "navigation": _navigation(request, awaiting),
        "account_links": _account_links(request, awaiting),
        # The header's "Sign out" is a button in a POST form (layout.html), not a link.
        "offer_sign_out": bool(user and user.is_authenticated),
    }
