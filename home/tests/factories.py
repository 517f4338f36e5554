import uuid

import factory
import wagtail_factories

from core.translation import translate
from home.models import FaqPage, HomePage, StandardPage


def list_item(value):
    """A ListBlock item as the admin saves it, with the id wagtail-localize needs."""
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Atgriešanās Latvijā"
    slug = "sakums"
    intro = factory.LazyFunction(lambda: "<p>Remigrācijas koordinatori palīdz atgriezties.</p>")

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=3)
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Teksts.</p>"}])

    class Meta:
        model = StandardPage


class FaqPageFactory(wagtail_factories.PageFactory):
    title = "Biežāk uzdotie jautājumi"
    slug = "buj"
    topics = factory.LazyFunction(
        lambda: [
            {
                "type": "topic",
                "value": {
                    "title": "Koordinatori",
                    "questions": [
                        list_item({"question": "Kas ir koordinatori?", "answer": "<p>Palīgi.</p>"}),
                        list_item(
                            {"question": "Kas ir koordinatori?", "answer": "<p>Atkārtots.</p>"}
                        ),
                    ],
                },
            }
        ]
    )

    class Meta:
        model = FaqPage


def translated_faq(home, lv, en, question, answers):
    """The Latvian FAQ page (its question asked twice) and an English translation asking
    `question` twice, answered by `answers`: repeated questions need distinct anchors."""
    faq = FaqPageFactory(parent=home, locale=lv)
    topic = {
        "title": "Coordinators",
        "questions": [list_item({"question": question, "answer": answer}) for answer in answers],
    }
    translate(
        faq, en, {"title": "FAQ", "slug": "faq", "topics": [{"type": "topic", "value": topic}]}
    )
    return faq
