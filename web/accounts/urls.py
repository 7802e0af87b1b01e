from django.urls import path

from . import invitation_views, registration, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("", views.account, name="account"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
    path("password/", views.password_change, name="password-change"),
    path("password/changed/", views.password_change_done, name="password-change-done"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("invitation/<str:token>/", invitation_views.accept, name="invitation-accept"),
    path("register/", registration.register, name="register"),
    path("register/sent/", registration.register_sent, name="register-sent"),
    path("register/new-link/", registration.register_resend, name="register-resend"),
    path("register/confirm/<uidb64>/<token>/", registration.register_confirm, name="register-confirm"),
]
