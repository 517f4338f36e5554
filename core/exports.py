"""The admin's spreadsheet exports, safe to open in a spreadsheet program.

Wagtail's XLSX export types formula-like cells as text, but its CSV export writes them as they
are: a contact named `=HYPERLINK(…)`, which a municipality editor may write without review,
would open as a live formula (CSV injection). Every export of the portal (inquiries, contacts to
check, site history) goes through `FormulaSafeExportMixin`, in CSV and XLSX alike.
"""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView

# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Make a text cell that a spreadsheet would evaluate read as text, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """For a view with Wagtail's spreadsheet export: every cell neutralised before it is written."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


class SiteHistoryView(FormulaSafeExportMixin, LogEntriesView):
    """Wagtail's site history report: its names are the page titles and contacts editors write."""


def admin_view(view):
    """`view` behind the same checks as the rest of Wagtail's admin."""
    return never_cache(require_admin_access(view))
