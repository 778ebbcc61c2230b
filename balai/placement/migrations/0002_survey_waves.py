from django.db import migrations

# The tracer study's usual waves: at exit, then three, six and twelve months after.
DEFAULT_WAVES = (0, 3, 6, 12)


def add_waves(apps, schema_editor):
    SurveyWave = apps.get_model("placement", "SurveyWave")
    for months in DEFAULT_WAVES:
        SurveyWave.objects.get_or_create(months_after_exit=months)


def remove_waves(apps, schema_editor):
    SurveyWave = apps.get_model("placement", "SurveyWave")
    SurveyWave.objects.filter(months_after_exit__in=DEFAULT_WAVES, invitations=None).delete()


class Migration(migrations.Migration):
    dependencies = [("placement", "0001_initial")]
    operations = [migrations.RunPython(add_waves, remove_waves)]
