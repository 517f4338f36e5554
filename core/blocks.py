"""StreamField blocks shared by the portal's page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its author, for stories and news."""

    quote = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/streamfield/quote_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of generic pages, stories and news: headings, text, images and quotes."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        icon="title",
        form_classname="title",
        template="components/streamfield/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        editor="body",
        template="components/streamfield/paragraph_block.html",
    )
    image = ImageBlock(label=_("Image"), template="components/streamfield/image_block.html")
    quote = QuoteBlock()

    class Meta:
        label = _("Body")
