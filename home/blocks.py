"""StreamField blocks of the FAQ page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FaqQuestionBlock(blocks.StructBlock):
    """One question and its answer; the FAQ page gives it an anchor made from the question."""

    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question")


class FaqTopicBlock(blocks.StructBlock):
    """A topic of the FAQ page with its questions.

    No template: the FAQ page renders all topics itself so that anchors are unique page-wide.
    """

    title = blocks.CharBlock(label=_("Topic"), max_length=255)
    questions = blocks.ListBlock(FaqQuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Topic")
