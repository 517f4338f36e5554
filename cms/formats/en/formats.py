"""English dates as written in the EU ("1 July 2025"), not Django's US default."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
