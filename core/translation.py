"""Make translations through wagtail-localize from code, as a translator's PO upload would.

Used by the demo-content command (and the tests) so that English pages are real
wagtail-localize translations that editors can later update in the translation editor.
"""

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationShapeError(ValueError):
    """The translated values do not have the same text segments as the source."""


def segment_pairs(obj, translated_values):
    """Pair each source text segment of `obj` with the segment of `translated_values`."""

    def strings(instance):
        return [
            s.string.data for s in extract_segments(instance) if isinstance(s, StringSegmentValue)
        ]

    source_strings = strings(obj)
    twin = type(obj).objects.get(pk=obj.pk)
    for name, value in translated_values.items():
        setattr(twin, name, value)
        field = twin._meta.get_field(name)
        if isinstance(field, StreamField):
            field.get_prep_value(getattr(twin, name))  # gives new blocks the ids segments need
    target_strings = strings(twin)
    if len(source_strings) != len(target_strings):
        raise TranslationShapeError(f"The translation of {obj!r} is not shaped like its source.")
    pairs = {}
    for source, target in zip(source_strings, target_strings, strict=True):
        if pairs.setdefault(source, target) != target:
            raise TranslationShapeError(f"{source!r} in {obj!r} has two different translations.")
    return pairs


def publish_translation(source, locale):
    """Write and publish the `locale` version of `source` at once.

    wagtail-localize publishes page translations in transaction.on_commit with a revision that
    remembers the page's place in the tree at that moment; publishing at once keeps children
    added later in the same transaction from being cut off the tree.
    """
    is_page = issubclass(source.specific_content_type.model_class(), Page)
    translated, _ = source.create_or_update_translation(locale, publish=not is_page, fallback=True)
    if is_page:
        translated.get_latest_revision().publish()
    return translated


@transaction.atomic
def translate(obj, locale, translated_values):
    """Create and publish the `locale` translation of `obj` from its translated field values."""
    if existing := obj.get_translation_or_none(locale):
        return existing
    source, _ = TranslationSource.get_or_create_from_instance(obj)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    pairs = segment_pairs(obj, translated_values)
    for entry in po:
        try:
            entry.msgstr = pairs[entry.msgid]
        except KeyError:
            raise TranslationShapeError(f"No translation of {entry.msgid!r} in {obj!r}") from None
    translation.import_po(po)
    return publish_translation(source, locale)


@transaction.atomic
def sync_translation(obj, locale):
    """Bring the `locale` translation of `obj` up to date with the source's current content."""
    source, _ = TranslationSource.update_or_create_from_instance(obj)
    return publish_translation(source, locale)


@transaction.atomic
def update_translation(obj, locale, strings):
    """Sync the `locale` translation of `obj`, translating its new texts with `strings`.

    `translate` makes an object's first translation; offers are often added later, to a page
    that is translated already.

    `strings` maps source texts to their translations. Texts translated before keep their
    translation; a new text missing from `strings` is refused rather than published untranslated.
    """
    source, _ = TranslationSource.update_or_create_from_instance(obj)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        elif not entry.msgstr:
            raise TranslationShapeError(f"No translation of {entry.msgid!r} in {obj!r}")
    translation.import_po(po)
    return publish_translation(source, locale)
