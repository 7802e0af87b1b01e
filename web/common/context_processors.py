from django.conf import settings

from domain.accounts.policies import can_use_regional_admin


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "show_regional_admin": bool(user and user.is_authenticated and can_use_regional_admin(user)),
    }
