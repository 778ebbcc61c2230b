from django.contrib import admin

from balai.core.admin import ReadOnlyAdmin
from balai.registry.models import Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "nik_masked", "domicile_kelurahan"]
    search_fields = ["full_name"]
    # The encrypted NIK and its look-up hash are never shown, not even to admins here; an
    # admin reveals a NIK through the audited service. The birth date stays off too: beside
    # the mask and the kelurahan it would rebuild the NIK without that audited reveal.
    exclude = ["nik_encrypted", "nik_hash", "phone", "address", "birth_date"]
