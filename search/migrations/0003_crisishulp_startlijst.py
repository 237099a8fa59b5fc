"""The starter crisis words and box texts (search/data/crisis.json); editors manage them."""

from django.db import migrations


def load(apps, schema_editor):
    from search.crisis import load_starter

    load_starter(apps.get_model("search", "Crisiswoord"), apps.get_model("search", "Crisishulp"))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_crisishulp")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
