from django.contrib import admin

from balai.core.admin import ReadOnlyAdmin
from balai.regions.models import Kecamatan, Kelurahan


@admin.register(Kecamatan)
class KecamatanAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "regency"]
    search_fields = ["code", "name"]


@admin.register(Kelurahan)
class KelurahanAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kecamatan", "kind", "postal_code"]
    search_fields = ["code", "name"]
    list_select_related = ["kecamatan"]
