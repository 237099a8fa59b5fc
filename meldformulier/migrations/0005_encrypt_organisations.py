"""The free-text organisation answer is encrypted like the other personal fields (issue 18).

Every existing row is kept: its plain text is encrypted in place (raw SQL, because the
historical field already decrypts on reading). Reversible.
"""

from django.db import migrations

from meldformulier import crypto
from meldformulier.fields import EncryptedTextField


def _rewrite(schema_editor, convert):
    connection = schema_editor.connection
    table = connection.ops.quote_name("meldformulier_melding")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, organisations FROM {table} WHERE organisations <> ''")
        rows = cursor.fetchall()
        for pk, value in rows:
            cursor.execute(f"UPDATE {table} SET organisations = %s WHERE id = %s",
                           [convert(value), pk])


def encrypt(apps, schema_editor):
    _rewrite(schema_editor, crypto.encrypt_text)


def decrypt(apps, schema_editor):
    _rewrite(schema_editor, lambda value: crypto.decrypt_text(value)[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("meldformulier", "0004_regeling_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="melding",
            name="organisations",
            field=EncryptedTextField(blank=True, verbose_name="betrokken organisaties"),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
