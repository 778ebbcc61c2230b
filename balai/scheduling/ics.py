"""Calendar files (.ics) of sessions, for the calendar apps people already use."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from icalendar import Calendar, Event

from balai.catalogue.availability import SLOT_HOURS
from balai.scheduling.models import ClassSession


def sessions_calendar(*, sessions: QuerySet[ClassSession], name: str) -> bytes:
    """An iCalendar file with one event per session, times in the city's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Balai//Jadwal pelatihan//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.datetime.now(tz=datetime.UTC)
    for session in sessions.select_related(
        "training_class__programme", "training_class__offering__kelurahan", "venue", "instructor"
    ).order_by("date", "slot"):
        start, end = (
            datetime.datetime.combine(session.date, datetime.time.fromisoformat(hour), tzinfo=zone)
            for hour in SLOT_HOURS[session.slot]
        )
        event = Event()
        event.add("uid", f"session-{session.pk}@balai")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        training_class = session.training_class
        event.add(
            "summary",
            f"{training_class.programme.name} — kelas {training_class.number}, "
            f"sesi {session.number}",
        )
        event.add("location", f"{session.venue.name}, {session.venue.address}".strip(", "))
        event.add("description", f"Instruktur: {session.instructor.full_name}")
        calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content
