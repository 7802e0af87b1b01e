from django.urls import path

from . import applications, referees

app_name = "recruitment"
urlpatterns = [
    path("applications/", applications.application_list, name="applications"),
    path("rounds/", applications.open_rounds, name="open-rounds"),
    path("rounds/<id:round_id>/apply/", applications.application_start, name="application-start"),
    path("applications/<id:application_id>/", applications.application_overview, name="application"),
    path("applications/<id:application_id>/school/", applications.application_school, name="application-school"),
    path(
        "applications/<id:application_id>/sections/<slug:section_key>/",
        applications.application_section,
        name="application-section",
    ),
    path(
        "applications/<id:application_id>/declarations/",
        applications.application_declarations,
        name="application-declarations",
    ),
    path("applications/<id:application_id>/check/", applications.application_check, name="application-check"),
    path(
        "applications/<id:application_id>/referees/",
        referees.application_referees,
        name="application-referees",
    ),
    path(
        "applications/<id:application_id>/withdraw/",
        referees.application_withdraw_view,
        name="application-withdraw",
    ),
]
