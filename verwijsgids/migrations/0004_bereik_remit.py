"""Remit as data: `landelijk` (yes/no) becomes `bereik` (alle / lijst / behalve).

Keeps every existing row: landelijk=True becomes 'alle', otherwise 'lijst' with the same
municipalities. Two facts of the directory are corrected where those schemes exist:
- 'klacht-gemeente' (Awb chapter 9) is for every municipality;
- 'nationale-ombudsman' is for every municipality except those served by a regional
  ombudsman (soort 'ombudsman' with a list of municipalities).
Stored revisions get the same change, so publishing an old revision cannot undo it.
"""

import modelcluster.fields
from django.db import migrations, models


def _snapshot_g(gemeenten):
    return [[g.pk, g.key, g.name, g.name_en] for g in sorted(gemeenten, key=lambda g: g.name)]


def forward(apps, schema_editor):
    Regeling = apps.get_model("verwijsgids", "Regeling")
    Gemeente = apps.get_model("verwijsgids", "Gemeente")
    Regeling.objects.filter(landelijk=True).update(bereik="alle")
    Regeling.objects.filter(landelijk=False).update(bereik="lijst")
    own_ombudsman = set(
        Regeling.gemeenten.through.objects.filter(
            regeling__soort="ombudsman", regeling__landelijk=False
        ).values_list("gemeente_id", flat=True)
    )
    changed = {}
    for regeling in Regeling.objects.filter(key__in=["klacht-gemeente", "nationale-ombudsman"]):
        if regeling.key == "klacht-gemeente":
            regeling.bereik, ids = "alle", []
        else:
            if not own_ombudsman:
                continue
            regeling.bereik, ids = "behalve", sorted(own_ombudsman)
        regeling.gemeenten.set(ids)
        vocab = dict(regeling.vocab_ids or {})
        vocab["g"] = _snapshot_g(Gemeente.objects.filter(pk__in=ids))
        regeling.vocab_ids = vocab
        regeling.save(update_fields=["bereik", "vocab_ids"])
        changed[str(regeling.pk)] = (regeling.bereik, ids)
    try:
        Revision = apps.get_model("wagtailcore", "Revision")
        ContentType = apps.get_model("contenttypes", "ContentType")
    except LookupError:
        return
    content_type = ContentType.objects.filter(app_label="verwijsgids", model="regeling").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(base_content_type=content_type) | Revision.objects.filter(
        content_type=content_type
    )
    for revision in revisions.distinct().iterator():
        content = dict(revision.content or {})
        if "landelijk" not in content and "bereik" in content:
            continue
        bereik = "alle" if content.pop("landelijk", False) else "lijst"
        if revision.object_id in changed:
            bereik, ids = changed[revision.object_id]
            content["gemeenten"] = ids
        content["bereik"] = bereik
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("verwijsgids", "0003_vocab_ids"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="regeling",
            name="bereik",
            field=models.CharField(
                choices=[
                    ("alle", "Alle gemeenten"),
                    ("lijst", "Alleen de gekozen gemeenten"),
                    ("behalve", "Alle gemeenten, behalve de gekozen gemeenten"),
                ],
                default="lijst",
                help_text=(
                    "Voor welke gemeenten werkt deze regeling? Bijvoorbeeld: de klachtenregeling "
                    "van de gemeente werkt overal; de Nationale ombudsman overal, behalve in "
                    "gemeenten met een eigen ombudsman."
                ),
                max_length=10,
                verbose_name="bereik",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveField(model_name="regeling", name="landelijk"),
        migrations.AlterField(
            model_name="regeling",
            name="gemeenten",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text=(
                    "Bij 'alleen de gekozen gemeenten': waar de regeling werkt. Bij 'behalve': "
                    "waar zij niet werkt. Bij 'alle gemeenten' telt deze lijst niet mee."
                ),
                related_name="regelingen", to="verwijsgids.gemeente", verbose_name="gemeenten",
            ),
        ),
    ]
