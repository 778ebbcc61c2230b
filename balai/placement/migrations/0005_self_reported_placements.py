from django.db import migrations, models


class Migration(migrations.Migration):
    """A channel for what graduates report themselves, and a graduate chosen once per local
    recruitment."""

    dependencies = [("placement", "0004_company_registration_key_employers")]

    operations = [
        migrations.AlterField(
            model_name="placement",
            name="channel",
            field=models.CharField(
                choices=[
                    ("vacancy", "Vacancy or job fair"),
                    ("local", "Local recruitment"),
                    ("operator", "Recorded by an operator"),
                    ("survey", "Reported in a tracer survey"),
                    ("self", "Reported by the graduate"),
                ],
                max_length=8,
                verbose_name="channel",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("recruitment__isnull", False)),
                fields=("recruitment", "person"),
                name="placement_once_per_recruitment",
            ),
        ),
    ]
