"""Induction, training and CPD events, mounted at /home/events/. The domain's notifications link to
/home/events/<pk>/ (domain.training.services.LINK_TO_EVENT): keep that path.

The pages of delegates and of organisers keep their URLs in their own modules; they share the one
namespace."""

from . import delegate_urls, organiser_urls

app_name = "events"
urlpatterns = [*delegate_urls.urlpatterns, *organiser_urls.urlpatterns]
