"""What core does when something happens elsewhere: keep the page cache and the logs true, and
give each new database connection its timeouts."""

from django.core.signals import request_finished
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import cache, db, logs


@receiver(page_published, dispatch_uid="core.cache.published")
@receiver(page_unpublished, dispatch_uid="core.cache.unpublished")
@receiver(post_page_move, dispatch_uid="core.cache.moved")
def invalidate(**kwargs):
    """What readers see changed: every cached page is stale."""
    cache.invalidate()


@receiver(page_published, dispatch_uid="core.cache.purge_published")
@receiver(page_unpublished, dispatch_uid="core.cache.purge_unpublished")
def purge(instance, **kwargs):
    """The CDN forgets the page and the pages that list it, in one batch (a deleted live page
    is unpublished first). Wagtail's frontend-cache app is not installed: its handlers would
    purge the page alone, in a request of its own."""
    cache.purge(instance)


@receiver(post_page_move, dispatch_uid="core.cache.purge_moved")
def purge_moved(instance, parent_page_before, **kwargs):
    """A moved page is listed in its new place and no longer in its old one."""
    cache.purge(instance, parent_page_before)


@receiver(post_delete, dispatch_uid="core.cache.delete")
def invalidate_on_change(sender, instance, **kwargs):
    """Any saved or deleted object that public pages show makes every cached page stale."""
    if isinstance(instance, cache.PUBLIC_MODELS):
        cache.invalidate()


@receiver(post_save, dispatch_uid="core.cache.save")
def invalidate_on_save(sender, instance, created, **kwargs):
    """As `invalidate_on_change`, but a saved page only counts when it is created live.

    Every draft and autosave of a page saves it, and readers see none of them: publishing,
    unpublishing and moving have their own signals. A page created live (an alias, a page made
    in code) sends none of them.
    """
    if not isinstance(instance, Page) or (created and instance.live):
        invalidate_on_change(sender, instance)


@receiver(request_finished, dispatch_uid="core.logs.forget_request_id")
def forget_request_id(**kwargs):
    """Django logs 4xx responses after the middleware has returned: the id is cleared only now."""
    logs.request_id.set("-")


@receiver(connection_created, dispatch_uid="core.db.configure_session")
def configure_database_session(sender, connection, **kwargs):
    """Every new PostgreSQL connection gets the site's timeouts (core.db)."""
    if connection.vendor == "postgresql":
        db.configure_session(connection)
