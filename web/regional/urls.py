from django.urls import path

from . import criteria_views, organisation_views, privacy_views, security_views, views

app_name = "regional"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<id:organisation_id>/", views.organisation, name="organisation"),
    path("organisations/<id:organisation_id>/people/add/", views.person_add, name="person-add"),
    *organisation_views.urlpatterns,
    *criteria_views.urlpatterns,
    path("roles/<id:membership_id>/<slug:event>/", views.membership_change, name="membership-change"),
    path("people/<id:person_id>/", views.person, name="person"),
    path("people/<id:person_id>/reset-second-factor/", views.two_factor_reset, name="two-factor-reset"),
    path("people/<id:person_id>/personal-data/", privacy_views.personal_data, name="personal-data"),
    path("people/<id:person_id>/erase/", privacy_views.erase, name="erase"),
    path("security-events/", security_views.security_events, name="security-events"),
]
