# The notification queue moves down to the portal's outbox (portal.OutgoingEmail). Every row moves
# with its state: those sent stay sent (never sent again), those waiting or failed keep their
# attempts, last error and next try, and are written when sent, from the same template and ids.

from django.db import migrations

FIELDS = ("status", "attempts", "last_error", "next_attempt_at", "created_at", "sent_at")


def into_the_outbox(apps, schema_editor):
    Notification = apps.get_model("consultations", "Notification")
    OutgoingEmail = apps.get_model("portal", "OutgoingEmail")
    for notification in Notification.objects.select_related("recipient").order_by("pk").iterator(chunk_size=1000):
        OutgoingEmail.objects.create(
            to=notification.recipient.email,
            recipient=notification.recipient,
            language=notification.recipient.preferred_language or "en",
            kind=notification.kind,
            template=f"consultations/email/{notification.kind}",
            context=notification.context,
            **{field: getattr(notification, field) for field in FIELDS},
        )


def back_from_the_outbox(apps, schema_editor):
    Notification = apps.get_model("consultations", "Notification")
    OutgoingEmail = apps.get_model("portal", "OutgoingEmail")
    moved = OutgoingEmail.objects.filter(template__startswith="consultations/email/", recipient__isnull=False)
    for email in moved.order_by("pk").iterator(chunk_size=1000):
        Notification.objects.create(
            recipient_id=email.recipient_id,
            kind=email.kind,
            context=email.context,
            **{field: getattr(email, field) for field in FIELDS},
        )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_comment_counts"),
        ("portal", "0004_outbox"),
    ]

    operations = [
        migrations.RunPython(into_the_outbox, back_from_the_outbox),
        migrations.DeleteModel(name="Notification"),
    ]
