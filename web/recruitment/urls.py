from django.urls import path

from . import application_posts, applications, referees

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
    path("applications/<id:application_id>/posts/", application_posts.application_posts, name="application-posts"),
    path(
        "applications/<id:application_id>/posts/add/",
        application_posts.application_post_add,
        name="application-post-add",
    ),
    path(
        "applications/<id:application_id>/posts/<id:post_id>/",
        application_posts.application_post_change,
        name="application-post-change",
    ),
    path(
        "applications/<id:application_id>/posts/<id:post_id>/remove/",
        application_posts.application_post_remove,
        name="application-post-remove",
    ),
    path(
        "applications/<id:application_id>/specialisms/",
        application_posts.application_specialisms,
        name="application-specialisms",
    ),
    path("applications/<id:application_id>/route/", application_posts.application_route, name="application-route"),
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
