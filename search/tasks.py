"""Background tasks (django-tasks) that keep the Elasticsearch index of the finder fresh."""

from django_tasks import task

LANGUAGES = ("nl", "en")


@task()
def update_finder_document(key):
    """A scheme was published or unpublished: write or remove it in every language."""
    from . import elastic

    return [elastic.update_scheme(key, language) for language in LANGUAGES]


@task()
def rebuild_finder_index():
    """Synonyms changed (they live in the analyzer): rebuild every language's index."""
    from . import elastic

    return [elastic.rebuild(language) for language in LANGUAGES]
