# Schema, step 1 of 3: enrolments, and a nullable enrolment beside each record's seat (offer).

import django.db.models.deletion
from django.db import migrations, models

RECORDS = ["attendance", "assessment", "skilltest", "certificate", "feedbackresponse"]
ONE_PER_ENROLMENT = {"skilltest", "certificate", "feedbackresponse"}


def enrolment_field() -> models.Field:
    return models.ForeignKey(
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="training.enrolment",
        verbose_name="participant",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0009_application_request_fingerprint"),
        ("registry", "0006_account_claim_code"),
        ("scheduling", "0001_initial"),
        ("training", "0003_attendance_protects_sessions"),
    ]

    operations = [
        migrations.CreateModel(
            name="Enrolment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("joined_on", models.DateField(verbose_name="joined on")),
                ("status", models.CharField(choices=[("enrolled", "Enrolled"), ("completed", "Completed"), ("dropped", "Dropped out"), ("left", "Left the class")], default="enrolled", max_length=10, verbose_name="status")),
                ("left_on", models.DateField(blank=True, null=True, verbose_name="left on")),
                ("left_reason", models.CharField(blank=True, max_length=20, verbose_name="why")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("offer", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="intake.offer", verbose_name="seat accepted")),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="enrolments", to="registry.person", verbose_name="person")),
                ("training_class", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="enrolments", to="scheduling.trainingclass", verbose_name="class")),
            ],
            options={
                "verbose_name": "enrolment",
                "verbose_name_plural": "enrolments",
                "ordering": ["training_class_id", "person__full_name", "pk"],
                "indexes": [models.Index(fields=["training_class", "status"], name="enrolment_class_idx")],
                "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("left_on__isnull", True), ("status", "enrolled")), models.Q(models.Q(("status", "enrolled"), _negated=True), ("left_on__isnull", False)), _connector="OR"), name="enrolment_left_on_when_ended")],
            },
        ),
        *[
            migrations.AddField(model_name=record, name="enrolment", field=enrolment_field())
            for record in RECORDS
        ],
        # The seat becomes optional, so that it can be dropped once the enrolment holds it.
        *[
            migrations.AlterField(
                model_name=record,
                name="seat",
                field=(models.OneToOneField if record in ONE_PER_ENROLMENT else models.ForeignKey)(
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="+",
                    to="intake.offer",
                    verbose_name="participant",
                ),
            )
            for record in RECORDS
        ],
    ]
