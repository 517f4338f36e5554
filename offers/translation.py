"""Translate new text of an already translated page, as a translator would in wagtail-localize.

`core.translation.translate` makes a page's first translation; offers are often added later, to a
page that is translated already. This updates the translation source and supplies the new texts.
"""

from django.db import transaction
from wagtail_localize.models import Translation, TranslationSource

from core.translation import TranslationShapeError, publish_translation


@transaction.atomic
def update_translation(obj, locale, strings):
    """Sync the `locale` translation of `obj`, translating its new texts with `strings`.

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
