"""How a contact looks in the read-only API: what a reader sees on the site, nothing more."""

from rest_framework import serializers


class ContactSerializer(serializers.Serializer):
    """A contact as embedded in region and municipality pages (no admin-only fields)."""

    name = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.EmailField()
    note = serializers.CharField()
    last_verified = serializers.DateField()
    may_be_out_of_date = serializers.BooleanField()
    valid_to = serializers.DateField()
