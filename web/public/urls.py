from django.urls import path

from . import health, legal, views

app_name = "public"
urlpatterns = [
    path("", views.start, name="start"),
    path("schools/", views.school_search, name="school-search"),
    path("schools/<id:urn>/", views.school_detail, name="school-detail"),
    # What a public body must publish, linked from every page's footer (web/public/legal.py).
    path("privacy/", legal.privacy, name="privacy"),
    path("cookies/", legal.cookies, name="cookies"),
    path("accessibility-statement/", legal.accessibility, name="accessibility"),
    path("help/", legal.help_page, name="help"),
    # The health check for load balancers (docs/deployment.md): the database answers, or 503.
    path("healthz", health.health, name="health"),
]
