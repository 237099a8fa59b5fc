"""A model field that stores text encrypted with the meldingen keys (see ``crypto.py``).

In Python the value is plain text; in the database it is a Fernet token (or an empty
string for an empty value). The column cannot be searched or filtered on its content.
"""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest (Fernet)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt_text(value)

    def to_python(self, value):
        return "" if value is None and not self.null else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt_text(str(value))

