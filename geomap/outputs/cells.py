"""Cells of a CSV export made safe to open in a spreadsheet (every CSV geomap writes goes through here).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)``,
``+cmd|' /C calc'!A0``), and some also after a leading tab or carriage return: article titles, outlets and
quotes come from files anyone can write, so such a cell is prefixed with an apostrophe, as OWASP's
CSV-injection advice says (https://owasp.org/www-community/attacks/CSV_Injection); spreadsheets show it
as text, and a reader of the CSV sees the apostrophe and the text intact. The full-width forms of the same
characters are treated alike, since some spreadsheets fold them. A NUL character is dropped: spreadsheets
and many CSV readers stop at it.

Numbers are left alone (a negative longitude stays a number); only text cells are changed.
"""

from __future__ import annotations

from typing import TypeVar

#: What makes a spreadsheet read a cell as a formula, when the cell starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """``value`` as a CSV cell that a spreadsheet shows rather than runs; non-text values unchanged."""
    if not isinstance(value, str):
        return value
    # A lone carriage return would end the row for a CSV reader that meets it unquoted (pandas quotes only
    # what holds its "\n" line end): line breaks are written "\n", which is quoted.
    text = value.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    # A formula may also hide behind spaces or line breaks a spreadsheet trims (" =1+1").
    if text.lstrip(" \n").startswith(FORMULA_STARTS):
        return "'" + text
    return text
