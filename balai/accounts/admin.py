from django.contrib import admin

from balai.accounts.models import User
from balai.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "first_name", "role", "kecamatan", "kelurahan", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "first_name"]
    exclude = ["password"]
