"""Browsers and API clients signed in as a user."""

from __future__ import annotations

from django.test import Client

from balai.accounts.models import User
from balai.accounts.services import api_token_create


def client_for(user: User) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def bearer(user: User) -> Client:
    """An API client carrying a new token of `user`."""
    _token, secret = api_token_create(user=user, label="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
