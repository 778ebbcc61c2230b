"""`{% correction_pending_notice %}`: a link to the correction requests waiting in the
signed-in operator's area, or nothing when none wait (for queue and home pages)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from balai.registry.correction_selectors import correction_pending_count

register = template.Library()


@register.simple_tag(takes_context=True)
def correction_pending_notice(context: dict[str, Any]) -> SafeString | str:
    count = correction_pending_count(user=context["request"].user)
    if not count:
        return ""
    text = ngettext(
        "%(count)s correction request waits for you.",
        "%(count)s correction requests wait for you.",
        count,
    ) % {"count": count}
    return format_html(
        '<p class="notice" data-testid="corrections-pending"><a href="{}">{}</a></p>',
        reverse("registry:correction_list"),
        text,
    )
