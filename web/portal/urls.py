from django.urls import path

from . import designations, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/<id:notification_id>/read/", views.notification_read, name="notification-read"),
    path("designations/", designations.designation_list, name="designations"),
    path("designations/<id:designation_id>/", designations.designation_detail, name="designation"),
    path(
        "designations/<id:designation_id>/<slug:event>/",
        designations.designation_change,
        name="designation-change",
    ),
    path("timeline/<str:subject_type>/<str:subject_id>/", views.timeline, name="timeline"),
]
