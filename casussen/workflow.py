"""The workflow "Casus publiceren": a second person (group Privacyfunctionaris) approves a
case story in the task "Privacytoets" before it is published.

Migration 0002 creates the group, its permissions, the task and the workflow in every
database, and assigns the workflow to the case overviews that exist. Every case overview
created later (in the admin, as a translation, by `load_demo`) gets the workflow when it is
created (`assign_to_new_index`, connected in `apps.py`). Case stories are children of an
overview, so they inherit its workflow.

Publishing a case directly is refused for everyone on every path (casussen/gate.py): only
a revision that a second person approved in the Privacytoets goes live. When the workflow
finishes, exactly the approved revision is published (`publish_workflow_state`, set as
WAGTAIL_FINISH_WORKFLOW_ACTION), not a later edit.
"""

from django.db.models import F

GROUP_NAME = "Privacyfunctionaris"
WORKFLOW_NAME = "Casus publiceren"
TASK_NAME = "Privacytoets"
# Global permissions of the group (app label, codename).
GROUP_PERMISSIONS = [("wagtailadmin", "access_admin"), ("casussen", "privacy_override")]
# Its permissions on each case overview (and so on every case story below it).
PAGE_PERMISSIONS = ["change_page", "publish_page"]


def privacytoets_workflow():
    """The workflow, with its task and group; made when missing (it normally exists since
    migration 0002). An editor may rename or deactivate it: then it is left alone."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Workflow, WorkflowTask

    from .models import PrivacytoetsTask

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*[
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in GROUP_PERMISSIONS
    ])
    task = PrivacytoetsTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = PrivacytoetsTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def approved_by_second_person(revision):
    """Whether `revision` was approved in a Privacytoets by someone other than the person
    who submitted it."""
    from wagtail.models import TaskState

    from .models import PrivacytoetsTask

    return TaskState.objects.filter(
        revision=revision, status=TaskState.STATUS_APPROVED, finished_by__isnull=False,
        task__in=PrivacytoetsTask.objects.values("pk"),
    ).exclude(finished_by=F("workflow_state__requested_by")).exists()


def assign(page):
    """Give the case overview `page` the workflow and the group its page permissions.
    A workflow an editor already chose for this page is kept."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    workflow = privacytoets_workflow()
    WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk,
                permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                  codename=codename),
            )
    return workflow


def assign_to_new_index(sender, instance, created=False, raw=False, **kwargs):
    """post_save of CasusIndexPage: a new case overview gets the workflow at once."""
    if created and not raw:
        assign(instance)


def connect_signals():
    from django.db.models.signals import post_save

    from .models import CasusIndexPage

    post_save.connect(assign_to_new_index, sender=CasusIndexPage,
                      dispatch_uid="casussen-workflow-new-index")


def publish_workflow_state(workflow_state, user=None):
    """Wagtail's finish action, except that for a case story the approved revision is
    published (Wagtail publishes the latest, which may be an edit nobody approved)."""
    from .models import Casus

    page = workflow_state.content_object
    task_state = workflow_state.current_task_state
    if issubclass(page.specific_class or object, Casus) and task_state is not None:
        task_state.revision.publish(user=user)
        return
    page.get_latest_revision().publish(user=user)


def approve_as(page, submitter, approver, scan=True):
    """Submit the latest version of `page` as `submitter` and approve it as `approver` in
    the Privacytoets (which publishes it). For demo content and tests; the rules hold:
    the approver is another person, and with `scan` findings refuse the approval."""
    if page.latest_revision_id is None:
        page.save_revision(user=submitter)
    state = page.get_workflow().start(page, submitter)
    task_state = state.current_task_state
    if scan:
        task_state.task.specific.on_action(task_state, approver, "approve")
    else:
        task_state.approve(user=approver)
    page.refresh_from_db()
    return page


def demo_reviewers():
    """Two accounts that submit and approve the demo stories; they cannot log in (no
    usable password)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    users = []
    for username in ("demo-redactie", "demo-privacytoets"):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.invalid"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        users.append(user)
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        users[1].groups.add(group)
    return users
