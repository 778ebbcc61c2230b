from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from balai.accounts import views
from balai.accounts.sign_in import SignInView
from balai.core.access import PUBLIC, SIGNED_IN, register_route_access

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        SignInView.as_view(),
        name="login",
    ),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path(
        "password/change/",
        views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/message_page.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            template_name="accounts/form_page.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/message_page.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/message_page.html"),
        name="password_reset_complete",
    ),
    path("api-tokens/", views.api_token_page, name="api_tokens"),
    path(
        "api-tokens/<int:token_id>/revoke/", views.api_token_revoke_action, name="api_token_revoke"
    ),
]
register_route_access(
    app_name,
    {
        "login": PUBLIC,
        "logout": PUBLIC,
        "password_reset": PUBLIC,
        "password_reset_done": PUBLIC,
        "password_reset_confirm": PUBLIC,
        "password_reset_complete": PUBLIC,
        "password_change": SIGNED_IN,
        "password_change_done": SIGNED_IN,
        "api_tokens": SIGNED_IN,
        "api_token_revoke": SIGNED_IN,
    },
)
