# Data, step 2 of 3: an enrolment for every seat that is in a class or has training records,
# and every record moved from its seat to the seat's enrolment. Backwards: the seats back.

from django.db import migrations
from django.utils import timezone

RECORDS = ["Attendance", "Assessment", "SkillTest", "Certificate", "FeedbackResponse"]
# Offer status -> (enrolment status, why it ended); an accepted seat is still enrolled.
ENDED = {
    "accepted": ("enrolled", ""),
    "dropped": ("dropped", "dropped"),
    "declined": ("left", "declined"),
    "released": ("left", "higher_choice"),
}


def enrolments_make(apps, schema_editor):
    Offer = apps.get_model("intake", "Offer")
    Enrolment = apps.get_model("training", "Enrolment")
    TrainingClass = apps.get_model("scheduling", "TrainingClass")
    with_records = set()
    for name in RECORDS:
        with_records |= set(
            apps.get_model("training", name).objects.values_list("seat_id", flat=True)
        )
    seats = Offer.objects.filter(status="accepted") | Offer.objects.filter(pk__in=with_records)
    for offer in seats.select_related("application", "offering").iterator():
        training_class, _created = TrainingClass.objects.get_or_create(
            offering_id=offer.offering_id,
            number=offer.class_number,
            defaults={
                "batch_id": offer.offering.batch_id,
                "programme_id": offer.offering.programme_id,
            },
        )
        status, reason = ENDED.get(offer.status, ("left", "declined"))
        joined = timezone.localdate(offer.answered_at or offer.created_at)
        Enrolment.objects.create(
            person_id=offer.application.person_id,
            training_class=training_class,
            offer=offer,
            joined_on=joined,
            status=status,
            left_on=None if status == "enrolled" else timezone.localdate(offer.answered_at),
            left_reason=reason,
        )
    for name in RECORDS:
        _point(apps.get_model("training", name), Enrolment, forwards=True)
    _mark_completed(apps)


def _point(model, enrolment_model, *, forwards):
    by_offer = dict(enrolment_model.objects.values_list("offer_id", "pk"))
    by_enrolment = {enrolment: offer for offer, enrolment in by_offer.items()}
    for record in model.objects.all().iterator():
        if forwards:
            record.enrolment_id = by_offer[record.seat_id]
        else:
            record.seat_id = by_enrolment[record.enrolment_id]
        record.save(update_fields=["enrolment" if forwards else "seat"])


def _mark_completed(apps):
    """A seat with a certificate completed its class, on the class's last day."""
    Enrolment = apps.get_model("training", "Enrolment")
    Certificate = apps.get_model("training", "Certificate")
    for enrolment_id, ends_on in Certificate.objects.values_list("enrolment_id", "ends_on"):
        Enrolment.objects.filter(pk=enrolment_id).update(
            status="completed", left_on=ends_on, left_reason="completed"
        )


def enrolments_unmake(apps, schema_editor):
    Enrolment = apps.get_model("training", "Enrolment")
    for name in RECORDS:
        model = apps.get_model("training", name)
        _point(model, Enrolment, forwards=False)
        model.objects.update(enrolment=None)
    Enrolment.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0004_enrolment")]
    operations = [migrations.RunPython(enrolments_make, enrolments_unmake)]
