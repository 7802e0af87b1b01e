"""The regional register of system leaders and the region's memorandum of understanding,
mounted at /regional/leaders/."""

from django.urls import path

from . import cadre_import_views as cadre
from . import register_views as views

app_name = "register"
urlpatterns = [
    path("", views.leaders, name="leaders"),
    path("export.<str:fmt>/", views.export, name="export"),
    path("memorandum/", views.memorandum, name="memorandum"),
    path("memorandum/new/", views.memorandum_publish, name="memorandum-publish"),
    path("import/", cadre.register_upload, name="import"),
    path("import/template.<str:fmt>/", cadre.register_template, name="import-template"),
    path("import/<id:upload_id>/", cadre.register_check, name="import-check"),
]
