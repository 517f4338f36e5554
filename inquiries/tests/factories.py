import factory
import wagtail_factories

from inquiries.models import Inquiry, InquiryNote, InquiryPage


class InquiryPageFactory(wagtail_factories.PageFactory):
    title = "Pieteikums personīgam piedāvājumam"
    slug = "pieteikums"
    intro = factory.LazyFunction(lambda: "<p>Pastāstiet, kas jums vajadzīgs.</p>")

    class Meta:
        model = InquiryPage


class InquiryFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    email = factory.Faker("email")
    country = "IE"
    adults = 2
    children_ages = factory.LazyFunction(lambda: [4, 9])
    needs = factory.LazyFunction(lambda: ["work"])
    return_plan = Inquiry.ReturnPlan.YEAR
    contact_language = "lv"
    language = "lv"

    class Meta:
        model = Inquiry


class InquiryNoteFactory(factory.django.DjangoModelFactory):
    inquiry = factory.SubFactory(InquiryFactory)
    text = factory.Faker("sentence")

    class Meta:
        model = InquiryNote
