"""Selection pages: eligibility, assessment, panel, decision and appeal (under /recruitment/selection/)."""

app_name = "selection"
urlpatterns: list = []
