"""File names as geomap shows and stores them: any bytes a Linux name may hold become one printable line of
valid UTF-8 that still tells the file apart from every other."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from geomap.filenames import safe_file_name, shown_name, shown_path
from geomap.read.articles import read_article

#: Any name Linux allows: bytes but "/" and NUL, as Python gives them (undecodable bytes as surrogates).
NAMES = (
    st.one_of(
        st.binary(min_size=1, max_size=40),
        st.text(min_size=1, max_size=20).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from([b"\xc2\x85", b"\x85", b"\\", b"x85", b"\n", b"\x1b", b"\xe2\x80\xae", b"a"])).map(
            b"".join
        ),
    )
    .map(lambda b: b.replace(b"/", b"").replace(b"\x00", b""))
    .filter(lambda b: b not in (b"", b".", b".."))
    .map(os.fsdecode)
)
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|n|r|t)")


def unescape(shown: str) -> str:
    r"""Undo shown_name's escapes; a \xNN is a raw byte when the original had one there."""

    def back(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in ("\\", "n", "r", "t"):
            return {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}[code]
        value = int(code[1:], 16)
        return chr(0xDC00 + value) if code[0] == "x" and value >= 0x80 else chr(value)

    return _ESCAPE.sub(back, shown)


@given(NAMES)
def test_a_shown_name_is_one_printable_line_of_utf8_that_can_be_read_back(name: str) -> None:
    shown = shown_name(name)
    shown.encode("utf-8")  # no lone surrogate: SQLite, JSON and terminals take it
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in shown)
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert unescape(shown) == name  # nothing lost: two names never show alike


@given(NAMES, NAMES)
def test_different_names_show_differently(a: str, b: str) -> None:
    assert (shown_name(a) == shown_name(b)) == (a == b)


def test_examples() -> None:
    assert shown_name("000_seed.txt") == "000_seed.txt"
    assert shown_name(os.fsdecode(b"nom\xff.txt")) == "nom\\xff.txt"
    assert shown_name("a\nb\x1b[31m.txt") == "a\\nb\\x1b[31m.txt"
    assert shown_name("a\\b.txt") == "a\\\\b.txt"
    assert shown_name("x\u202etxt.exe") == "x\\u202etxt.exe"
    assert shown_name("\x85") == "\\u0085" != shown_name(os.fsdecode(b"\x85")) == "\\x85"
    assert shown_name("Aïn al-Asad ڤ.txt") == "Aïn al-Asad ڤ.txt"
    assert shown_path("seeds/a.txt") == "seeds/a.txt"
    assert shown_path("seeds/my article.txt") == "'seeds/my article.txt'"
    assert shown_path("seeds/a\nb.txt") == "'seeds/a\\nb.txt'"
    assert shown_path("it's\n") == "'it\\'s\\n'"


@given(NAMES)
def test_a_safe_file_name_is_plain_and_never_hidden(name: str) -> None:
    safe = safe_file_name(name)
    safe.encode("utf-8")
    assert shown_name(safe) == safe.replace("\\", "\\\\")  # nothing left to escape but backslashes
    assert not safe.startswith(".") and len(safe) == len(name)


def test_an_article_under_an_undecodable_name_is_stored_escaped(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"nom\xff\n.txt")
    path.write_text("Titre\nRoquettes sur la base d'Aïn al-Asad, dans l'ouest de l'Irak, selon un responsable.\n")
    article = read_article(path)
    assert article.file == "nom\\xff\\n.txt"
    article.file.encode("utf-8")
