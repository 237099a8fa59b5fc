"""Every database gets the workflow "Casus publiceren" (task "Privacytoets", approved by
the group "Privacyfunctionaris"), not only a database with demo content.

Historical models only: this migration must keep working when the models change later.
New case overviews get the workflow when they are created (casussen/workflow.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Privacyfunctionaris"
WORKFLOW_NAME = "Casus publiceren"
TASK_NAME = "Privacytoets"
GROUP_PERMISSIONS = [("wagtailadmin", "access_admin"), ("casussen", "privacy_override")]
PAGE_PERMISSIONS = ["change_page", "publish_page"]


def _permissions_exist(apps):
    """Django makes permissions after all migrations ran; this migration needs them now."""
    for app_config in apps.get_app_configs():
        if app_config.label in ("casussen", "wagtailcore", "wagtailadmin"):
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    PrivacytoetsTask = apps.get_model("casussen", "PrivacytoetsTask")
    CasusIndexPage = apps.get_model("casussen", "CasusIndexPage")

    _permissions_exist(apps)
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*[
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in GROUP_PERMISSIONS
    ])
    task = PrivacytoetsTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        # Historical models have no custom save(): set the polymorphic content type here.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="casussen", model="privacytoetstask"
        )
        task = PrivacytoetsTask.objects.create(name=TASK_NAME, active=True,
                                               content_type=content_type)
        task.groups.add(group)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk,
                                       defaults={"sort_order": 0})
    page_permissions = [
        Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in PAGE_PERMISSIONS
    ]
    for index in CasusIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk,
                                                      permission=permission)


class Migration(migrations.Migration):

    dependencies = [
        ("casussen", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
