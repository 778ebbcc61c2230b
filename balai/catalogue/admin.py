from django.contrib import admin

from balai.catalogue.models import Instructor, InstructorCertificate, Programme, Venue
from balai.core.admin import ReadOnlyAdmin


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "hours", "session_count", "class_size"]


@admin.register(Instructor)
class InstructorAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "home_kelurahan"]
    search_fields = ["full_name"]
    exclude = ["phone"]


@admin.register(Venue)
class VenueAdmin(ReadOnlyAdmin):
    list_display = ["name", "kelurahan", "capacity"]


@admin.register(InstructorCertificate)
class InstructorCertificateAdmin(ReadOnlyAdmin):
    list_display = ["instructor", "programme", "number", "valid_until"]
    search_fields = ["number", "instructor__full_name"]
