"""The calendar invitation (.ics) of an interview booking, for the graduate's and the
employer's calendar apps; written the way balai.scheduling.ics writes class sessions."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event

from balai.placement.models import InterviewBooking


def interview_calendar(booking: InterviewBooking) -> bytes:
    """An iCalendar file with the booking's one event (cancelled once the booking is)."""
    slot = booking.slot
    vacancy = slot.vacancy
    calendar = Calendar()
    calendar.add("prodid", "-//Balai//Wawancara kerja//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"interview-{booking.pk}@balai")
    event.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", f"Wawancara: {vacancy.title} — {vacancy.company.name}")
    event.add("location", slot.location or slot.video_link)
    if slot.video_link:
        event.add("url", slot.video_link)
    event.add(
        "description",
        f"Pelamar: {booking.application.person.full_name}\n{slot.video_link or slot.location}",
    )
    event.add("status", "CANCELLED" if booking.cancelled_at else "CONFIRMED")
    # Each change (a cancellation) must replace the copy a calendar already holds.
    event.add("sequence", 1 if booking.cancelled_at else 0)
    calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content
