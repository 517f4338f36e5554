from regions.tests.fixtures import contacts, places  # noqa: F401 - fixtures of these tests
