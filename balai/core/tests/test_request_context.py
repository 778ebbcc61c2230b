from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from balai.core.middleware import client_ip_address


def test_the_client_address_ignores_a_forged_forwarded_header_without_a_proxy(
    settings: Any,
) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    settings.USE_X_FORWARDED_FOR = False
    assert client_ip_address(request) == "10.0.0.5"


def test_behind_our_proxy_the_address_it_appended_counts(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    settings.USE_X_FORWARDED_FOR = True
    assert client_ip_address(request) == "1.2.3.4"
