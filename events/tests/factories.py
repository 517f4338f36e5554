import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventRegistration


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Pasākumi"
    slug = "pasakumi"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Informācijas diena {n}")
    slug = factory.Sequence(lambda n: f"informacijas-diena-{n}")
    intro = factory.Faker("sentence")
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=20)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    format = EventPage.Format.ONLINE
    online_link = "https://meet.example.lv/informacijas-diena"

    class Meta:
        model = EventPage


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    email = factory.Faker("email")
    country = "IE"
    people = 1
    language = "lv"

    class Meta:
        model = EventRegistration
