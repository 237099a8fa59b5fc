"""Create the group "SignaLeerpunt medewerkers" with the permissions to handle meldingen."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "SignaLeerpunt medewerkers"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("meldformulier", "view_melding"),
    ("meldformulier", "change_melding"),
    ("meldformulier", "export_melding"),
    ("meldformulier", "view_bijlage"),
    ("meldformulier", "view_notitie"),
    ("meldformulier", "add_notitie"),
    ("meldformulier", "view_email"),
    ("meldformulier", "view_inzage"),
]


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meldformulier", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
