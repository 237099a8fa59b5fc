"""One scheme key per melding becomes a list of keys (the resident can choose several)."""

from django.db import migrations, models


def to_list(apps, schema_editor):
    Melding = apps.get_model("meldformulier", "Melding")
    for pk, key in Melding.objects.exclude(regeling_key="").values_list("pk", "regeling_key"):
        Melding.objects.filter(pk=pk).update(regeling_keys=[key])


def to_single(apps, schema_editor):
    Melding = apps.get_model("meldformulier", "Melding")
    for pk, keys in Melding.objects.values_list("pk", "regeling_keys"):
        if keys:
            Melding.objects.filter(pk=pk).update(regeling_key=keys[0][:80])


class Migration(migrations.Migration):
    dependencies = [
        ("meldformulier", "0003_email_claim"),
    ]

    operations = [
        migrations.AddField(
            model_name="melding",
            name="regeling_keys",
            field=models.JSONField(
                blank=True, default=list,
                help_text="Sleutels van de klachtregelingen waar de melding over gaat.",
                verbose_name="regelingen (sleutels)",
            ),
        ),
        migrations.RunPython(to_list, to_single),
        migrations.RemoveField(model_name="melding", name="regeling_key"),
    ]
