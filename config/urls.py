from django.urls import include, path

urlpatterns = [
    path("", include("web.public.urls")),
    path("account/", include("web.accounts.urls")),
    path("directory/", include("web.directory.urls")),
    path("support/", include("web.commissioning.support_urls")),
    path("home/requests/", include("web.commissioning.request_urls")),
    path("home/brokering/", include("web.commissioning.broker_urls")),
    path("home/offers/", include("web.commissioning.offer_urls")),
    path("home/deployments/", include("web.deployments.urls")),
    path("home/events/", include("web.training.urls")),
    path("home/leaders/", include("web.leaders.alliance_urls")),
    path("home/people/", include("web.accounts.people_urls")),
    path("home/", include("web.leaders.leader_urls")),
    path("home/", include("web.portal.urls")),
    path("regional/leaders/", include("web.leaders.register_urls")),
    path("regional/", include("web.regional.urls")),
    path("recruitment/manage/", include("web.recruitment.round_urls")),
    path("recruitment/selection/", include("web.recruitment.selection_urls")),
    path("recruitment/department/", include("web.recruitment.department_urls")),
    path("recruitment/", include("web.recruitment.urls")),
    path("references/", include("web.recruitment.reference_urls")),
]

handler400 = "web.common.views_errors.bad_request"
handler403 = "web.common.views_errors.permission_denied"
handler404 = "web.common.views_errors.page_not_found"
handler500 = "web.common.views_errors.server_error"
