"""Audit entries of attachment downloads held the file name; keep the entry, drop the name."""

from django.db import migrations


def forget_file_names(apps, schema_editor):
    Inzage = apps.get_model("meldformulier", "Inzage")
    Inzage.objects.filter(action="bijlage").update(detail="bijlage")


class Migration(migrations.Migration):
    dependencies = [
        ("meldformulier", "0005_encrypt_organisations"),
    ]

    operations = [
        migrations.RunPython(forget_file_names, migrations.RunPython.noop),
    ]
