from django.urls import path

from . import request_actions, request_progress, request_views

app_name = "requests"
urlpatterns = [
    path("", request_views.request_list, name="list"),
    path("new/", request_views.request_new, name="new"),
    path("new/check/", request_views.request_check_answers, name="check"),
    path("new/<slug:step>/", request_views.request_question, name="question"),
    path("<id:request_id>/", request_progress.request_detail, name="detail"),
    path("<id:request_id>/sent/", request_views.request_submitted, name="submitted"),
    path("<id:request_id>/withdraw/", request_actions.request_withdraw, name="withdraw"),
    path("<id:request_id>/confirm/", request_actions.request_confirm, name="confirm"),
    path("<id:request_id>/offer/", request_actions.offer_answer, name="offer-answer"),
]
