"""URLs of the organisers' event pages (part of the events namespace, urls.py)."""

urlpatterns = []
