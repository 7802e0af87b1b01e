"""What every page needs: the service's name and the navigation for this person."""

from django.conf import settings
from django.urls import reverse

from domain.accounts.policies import can_use_regional_admin, second_factor_outstanding
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.commissioning.policies import can_run_panels
from domain.designation.policies import can_list_designations
from domain.leaders.policies import can_run_leader_lists, is_designated_leader
from domain.recruitment.policies import can_manage_rounds
from domain.recruitment.selectors import has_applications


def _applies(user) -> bool:
    """System leaders, and anyone who has applied, see their applications in the navigation."""
    return bool(organisation_ids_of(user, Role.SYSTEM_LEADER)) or has_applications(user)


def _navigation(request) -> list[dict]:
    user = getattr(request, "user", None)  # absent on a 404 answered before the middleware ran
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    url_name = match.url_name if match else ""
    signed_in = bool(user and user.is_authenticated)
    awaiting_second_factor = signed_in and second_factor_outstanding(user)

    def item(name, text, active=False):
        return {"href": reverse(name), "text": text, "active": active}

    if awaiting_second_factor:
        # Until the second factor is given, nothing else is open to them but the sign-out button.
        return []
    items = []
    if signed_in:
        items.append(item("portal:home", "Home", namespace == "portal" and not url_name.startswith("designation")))
    items.append(item("public:school-search", "Schools", url_name in ("school-search", "school-detail")))
    items.append(item("directory:search", "Find a system leader", namespace == "directory"))
    if signed_in:
        if is_designated_leader(user):
            items.append(item("leader:association", "Your association and profile", namespace == "leader"))
        if can_run_leader_lists(user):
            items.append(item("alliance:leaders", "Leaders", namespace in ("alliance", "register")))
        if can_run_panels(user):
            items.append(item("broker:queue", "Requests and panels", namespace == "broker"))
        else:
            items.append(item("requests:list", "Support requests", namespace in ("requests", "offers")))
        items.append(item("deployments:list", "Deployments", namespace == "deployments"))
        items.append(item("events:list", "Events", namespace == "events"))
        if can_list_designations(user):
            items.append(item("portal:designations", "Designations", url_name.startswith("designation")))
        if can_manage_rounds(user):
            items.append(item("rounds:rounds", "Recruitment", namespace == "rounds"))
        if _applies(user):
            items.append(item("recruitment:applications", "Applications", namespace == "recruitment"))
        if can_use_regional_admin(user):
            items.append(item("regional:home", "Regional admin", namespace == "regional"))
        items.append(item("accounts:account", "Your account", namespace == "accounts"))
    else:
        items.append(item("accounts:sign-in", "Sign in", url_name == "sign-in"))
    return items


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        # The phase banner says the data is made up wherever the demo region may be loaded.
        "demo_data": settings.DEMO_DATA_ALLOWED,
        "navigation": _navigation(request),
        # The header's "Sign out" is a button in a POST form (layout.html), not a link.
        "offer_sign_out": bool(user and user.is_authenticated),
    }
