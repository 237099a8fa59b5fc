"""Every page action Wagtail and wagtail-localize register is known to the case-story gate.

When an upgrade or a new add-on registers a page action (menu item, bulk action, listing
or header button, admin URL), this test fails until someone has checked that the action
cannot make a case story public without the Privacytoets, and written down why here.
"""

import pytest
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db

GATE = "passes Casus.save/Casus.publish (casussen/gate.py), tested in test_casussen_paths.py"
READ_ONLY = "shows or previews; changes nothing public"

URL_NAMES = {
    "wagtailadmin_pages:add": "create-and-publish: " + GATE,
    "wagtailadmin_pages:preview_on_add": READ_ONLY,
    "wagtailadmin_pages:type_use": READ_ONLY,
    "wagtailadmin_pages:type_use_results": READ_ONLY,
    "wagtailadmin_pages:choose_parent": READ_ONLY,
    "wagtailadmin_pages:usage": READ_ONLY,
    "wagtailadmin_pages:edit": "publish, revert, workflow actions, localize editor: " + GATE,
    "wagtailadmin_pages:preview_on_edit": READ_ONLY + " (admin preview only)",
    "wagtailadmin_pages:view_draft": READ_ONLY + " (admin only)",
    "wagtailadmin_pages:add_subpage": READ_ONLY + " (chooses a type)",
    "wagtailadmin_pages:delete": "takes content offline",
    "wagtailadmin_pages:unpublish": "takes content offline",
    "wagtailadmin_pages:convert_alias": "makes an alias a draft-capable page; " + GATE,
    "wagtailadmin_pages:search": READ_ONLY,
    "wagtailadmin_pages:search_results": READ_ONLY,
    "wagtailadmin_pages:move": READ_ONLY + " (chooser)",
    "wagtailadmin_pages:move_confirm": "move keeps exactly the approved content; " + GATE,
    "wagtailadmin_pages:set_page_position": "order only; " + GATE,
    "wagtailadmin_pages:copy": "copy, 'publish copied page', alias: " + GATE,
    "wagtailadmin_pages:workflow_action": "Privacytoets approve/reject (the intended path)",
    "wagtailadmin_pages:collect_workflow_action_data": "form of a workflow action",
    "wagtailadmin_pages:confirm_workflow_cancellation": "cancels a workflow",
    "wagtailadmin_pages:workflow_preview": READ_ONLY + " (admin preview)",
    "wagtailadmin_pages:set_privacy": "view restrictions only hide content",
    "wagtailadmin_pages:lock": "locking changes nothing public",
    "wagtailadmin_pages:unlock": "locking changes nothing public",
    "wagtailadmin_pages:revisions_index": READ_ONLY,
    "wagtailadmin_pages:revisions_view": READ_ONLY + " (admin only)",
    "wagtailadmin_pages:revisions_revert": "opens the editor; publishing: " + GATE,
    "wagtailadmin_pages:revisions_unschedule": "removes a schedule",
    "wagtailadmin_pages:revisions_compare": READ_ONLY,
    "wagtailadmin_pages:workflow_history": READ_ONLY,
    "wagtailadmin_pages:workflow_history_detail": READ_ONLY,
    "wagtailadmin_pages:history": READ_ONLY,
    "wagtailadmin_pages:history_results": READ_ONLY,
    "wagtail_localize:javascript_catalog": READ_ONLY,
    "wagtail_localize:submit_page_translation": "creates a draft translation; " + GATE,
    "wagtail_localize:submit_snippet_translation": "snippets are not case stories",
    "wagtail_localize:update_translations": "'Sync translated pages', publish: " + GATE,
    "wagtail_localize:edit_string_translation": "edits a segment of a draft; publish: " + GATE,
    "wagtail_localize:edit_override": "edits a segment of a draft; publish: " + GATE,
    "wagtail_localize:download_pofile": READ_ONLY,
    "wagtail_localize:upload_pofile": "imports segments into a draft; publish: " + GATE,
    "wagtail_localize:machine_translate": "fills segments of a draft; publish: " + GATE,
    "wagtail_localize:preview_translation": READ_ONLY + " (admin preview)",
    "wagtail_localize:stop_translation": "stops syncing; changes nothing public",
    "wagtail_localize:convert_to_alias": "an alias of a case is never live; " + GATE,
    "wagtail_localize:translations_report": READ_ONLY,
    "wagtail_localize:translations_report_results": READ_ONLY,
    "wagtail_localize:snippets_api_listing": READ_ONLY,
    "wagtail_localize:snippets_api_detail": READ_ONLY,
}

ACTION_MENU_ITEMS = {
    "action-save-draft": "saves a draft revision",
    "action-unpublish": "takes content offline",
    "action-publish": "hidden for cases (construct_page_action_menu); refused by the "
                      "before_publish_page hook and " + GATE,
    "action-cancel-workflow": "cancels the Privacytoets; nothing goes live",
    "action-restart-workflow": "restarts the Privacytoets",
    "action-submit": "submits to the Privacytoets (the intended path), warns on findings",
    "action-page-locked": "locking changes nothing public",
    "localize-restart-translation": "restarts syncing a draft translation",
    "localize-convert-to-alias": "an alias of a case is never live; " + GATE,
}

PAGE_BULK_ACTIONS = {
    "publish": "refused for cases by the before_bulk_action hook and " + GATE,
    "unpublish": "takes content offline",
    "delete": "takes content offline",
    "move": "move keeps exactly the approved content; " + GATE,
}

BUTTON_HOOKS = {
    "register_page_listing_buttons": {
        "wagtail.admin.wagtail_hooks.page_listing_buttons": "edit/add links (views above)",
    },
    "register_page_listing_more_buttons": {
        "wagtail_localize.wagtail_hooks.page_listing_more_buttons":
            "translate/sync links (views above)",
        "wagtail.admin.wagtail_hooks.page_listing_more_buttons":
            "copy/move/delete/unpublish/history links (views above)",
    },
    "register_page_header_buttons": {
        "casussen.wagtail_hooks.send_edition_button": "newsletter editions, not cases",
        "wagtail_localize.wagtail_hooks.page_listing_more_buttons":
            "translate/sync links (views above)",
        "wagtail.admin.wagtail_hooks.page_header_buttons": "links to the views above",
    },
    "register_page_action_menu_item": {
        "wagtail_localize.wagtail_hooks.register_restart_translation_page_action_menu_item":
            "see localize-restart-translation",
        "wagtail_localize.wagtail_hooks.register_convert_back_to_alias_page_action_menu_item":
            "see localize-convert-to-alias",
    },
    "before_edit_page": {
        "wagtail_localize.wagtail_hooks.before_edit_page":
            "serves the translation editor; its publish: " + GATE,
    },
}


def _url_names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _url_names(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def test_every_page_admin_url_is_known_to_the_gate():
    found = {
        name for name in _url_names(get_resolver().url_patterns)
        if name.startswith(("wagtailadmin_pages:", "wagtail_localize:"))
    }
    assert found, "no page admin URLs found: the listing itself is broken"
    assert sorted(found - set(URL_NAMES)) == []


def test_every_page_action_menu_item_is_known_to_the_gate():
    from wagtail.admin.action_menu import _get_base_page_action_menu_items

    names = {item.name for item in _get_base_page_action_menu_items()}
    assert "action-publish" in names
    assert sorted(names - set(ACTION_MENU_ITEMS)) == []


def test_every_page_bulk_action_is_known_to_the_gate():
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    actions = {
        action.action_type
        for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    }
    assert "publish" in actions
    assert sorted(actions - set(PAGE_BULK_ACTIONS)) == []


@pytest.mark.parametrize("hook_name", sorted(BUTTON_HOOKS))
def test_every_page_button_hook_is_known_to_the_gate(hook_name):
    from wagtail import hooks

    found = {f"{fn.__module__}.{fn.__qualname__}" for fn in hooks.get_hooks(hook_name)}
    assert sorted(found - set(BUTTON_HOOKS[hook_name])) == []


def test_the_guard_hooks_are_registered():
    from wagtail import hooks

    def names(hook):
        return {f"{fn.__module__}.{fn.__qualname__}" for fn in hooks.get_hooks(hook)}

    assert "casussen.wagtail_hooks.block_direct_publishing_of_cases" in names(
        "before_publish_page")
    assert "casussen.wagtail_hooks.block_bulk_publishing_of_cases" in names(
        "before_bulk_action")
    assert "casussen.wagtail_hooks.no_publish_button_for_cases" in names(
        "construct_page_action_menu")
