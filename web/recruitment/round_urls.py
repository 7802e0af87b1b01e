"""The coordinator's pages for recruitment rounds and their applications (under /recruitment/manage/)."""

app_name = "rounds"
urlpatterns: list = []
