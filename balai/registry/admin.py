from django.contrib import admin

from balai.core.admin import ReadOnlyAdmin
from balai.registry.models import Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "nik_masked", "domicile_kelurahan", "birth_date"]
    search_fields = ["full_name"]
    # The encrypted NIK and its look-up hash are never shown, not even to admins here; an
    # admin reveals a NIK through the audited service.
    exclude = ["nik_encrypted", "nik_hash", "phone", "address"]
