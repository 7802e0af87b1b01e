"""The coordinator's pages of leaders, mounted at /home/leaders/. The domain's notifications link
to associations/<id>/ and pen-portraits/<id>/: keep those paths."""

from django.urls import path

from . import alliance_associations, alliance_contact, alliance_portraits, alliance_views
from . import cadre_import_views as cadre

app_name = "alliance"
urlpatterns = [
    path("", alliance_views.leaders, name="leaders"),
    path("contact-details/<id:organisation_id>/", alliance_contact.contact_details, name="contact-details"),
    path("regional-list/", alliance_views.regional_list, name="regional-list"),
    path("associations/<id:association_id>/", alliance_associations.association_detail, name="association"),
    path(
        "associations/<id:association_id>/memorandum/",
        alliance_associations.memorandum_accept_page,
        name="memorandum-accept",
    ),
    path(
        "associations/<id:association_id>/<slug:event>/",
        alliance_associations.association_change,
        name="association-change",
    ),
    path("pen-portraits/", alliance_portraits.portrait_list, name="portraits"),
    path("pen-portraits/<id:portrait_id>/", alliance_portraits.portrait_detail, name="portrait"),
    path("import/", cadre.alliance_upload, name="import"),
    path("import/template.<str:fmt>/", cadre.alliance_template, name="import-template"),
    path("import/<id:upload_id>/", cadre.alliance_check, name="import-check"),
]
