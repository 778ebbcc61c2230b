# Schema, step 3 of 3: every record on its enrolment alone; the seat (offer) is gone from them.

import django.db.models.deletion
from django.db import migrations, models

MANY_PER_ENROLMENT = ["attendance", "assessment"]
ONE_PER_ENROLMENT = ["skilltest", "certificate", "feedbackresponse"]


def required(field_class):
    return field_class(
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="training.enrolment",
        verbose_name="participant",
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0005_enrolments_from_seats")]

    operations = [
        migrations.RemoveConstraint(model_name="attendance", name="attendance_once_per_session"),
        migrations.RemoveIndex(model_name="attendance", name="attendance_seat_idx"),
        migrations.RemoveConstraint(model_name="assessment", name="assessment_once_per_unit"),
        *[
            migrations.RemoveField(model_name=record, name="seat")
            for record in MANY_PER_ENROLMENT + ONE_PER_ENROLMENT
        ],
        *[
            migrations.AlterField(
                model_name=record, name="enrolment", field=required(models.ForeignKey)
            )
            for record in MANY_PER_ENROLMENT
        ],
        *[
            migrations.AlterField(
                model_name=record, name="enrolment", field=required(models.OneToOneField)
            )
            for record in ONE_PER_ENROLMENT
        ],
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.UniqueConstraint(
                fields=("session", "enrolment"), name="attendance_once_per_session"
            ),
        ),
        migrations.AddIndex(
            model_name="attendance",
            index=models.Index(fields=["enrolment", "session"], name="attendance_enrolment_idx"),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                fields=("enrolment", "unit"), name="assessment_once_per_unit"
            ),
        ),
    ]
