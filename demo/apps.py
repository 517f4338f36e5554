from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content: Latvia's real regions and contacts, with example pages."""

    name = "demo"
