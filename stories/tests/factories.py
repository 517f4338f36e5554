import factory
import wagtail_factories

from stories.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Pieredzes stāsti"
    slug = "stasti"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=4)
    person = factory.Faker("first_name")
    returned_from = "GB"
    year = 2024
    quote = factory.Faker("sentence")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Stāsts.</p>"}])

    class Meta:
        model = StoryPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualitātes"
    slug = "aktualitates"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=4)
    date = factory.Faker("date_between", start_date="-2y", end_date="today")
    lead = factory.Faker("sentence")
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Ziņa.</p>"}])

    class Meta:
        model = NewsPage
