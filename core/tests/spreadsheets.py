"""Reading the admin's spreadsheet exports back, as a spreadsheet program would."""

import csv
import io

from openpyxl import load_workbook

# A spreadsheet program runs a cell starting with one of these as a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA = '=HYPERLINK("http://evil.example","x")'


def spreadsheet_rows(response):
    """The cells of a CSV or XLSX export, row by row (the heading first)."""
    assert response.status_code == 200
    body = response.getvalue()
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8"))))
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def formula_cells(rows):
    """The cells a spreadsheet program would run as formulas."""
    return [
        cell for row in rows for cell in row if isinstance(cell, str) and cell.startswith(TRIGGERS)
    ]
