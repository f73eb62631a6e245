"""File names as geomap shows and stores them: printable, valid UTF-8, one line, and still telling.

A file name on Linux is any bytes but ``/`` and NUL. Python gives the bytes that are not UTF-8 as lone
surrogates (``b"nom\\xff.txt"`` is ``"nom\\udcff.txt"``), which SQLite, JSON writers and terminals refuse
or misprint; a newline or an ESC sequence in a name breaks a one-line message or drives the terminal.
:func:`shown_name` escapes all of these the way Python writes them in a string (``nom\\xff.txt``,
``a\\nb.txt``, ``\\x1b[31m.txt``), and a backslash as ``\\\\``, so that two different names never show
alike. The escaped name is what geomap stores (the build cache, ``Source.file``) and prints; the file
itself is always opened by its real path.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: Characters that reorder or hide text around them (Unicode's bidirectional controls): shown escaped,
#: so that a name cannot display as another ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown_name(name: str) -> str:
    """``name`` with undecodable bytes, control and bidirectional characters and backslashes escaped."""
    if name.isprintable() and "\\" not in name and not _BIDI_CONTROLS.intersection(name):
        return name  # the common case, and the cheap one
    out = []
    for char in name:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode gives it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def shown_path(path: Path | str) -> str:
    """A path for a message: its escaped text, in quotes when it needed escaping or holds a space."""
    text = os.fspath(path)
    shown = shown_name(text)
    return repr_quoted(shown) if shown != text or " " in text or not text else shown


def repr_quoted(shown: str) -> str:
    """An already escaped name in single quotes (its quotes escaped), for a message."""
    return "'" + shown.replace("'", "\\'") + "'"


def _escape(char: str) -> str:
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if char == "\t":
        return "\\t"
    if code <= 0x7F:  # \x80 to \xff stand for undecodable bytes; a C1 control is written \u0080...
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe_file_name(name: str) -> str:
    """A name to give a copy of the file ``name``: every character :func:`shown_name` would escape (but a
    backslash) becomes ``_``, and a leading dot too (a hidden file is not read as an article)."""
    out = "".join(c if c == "\\" or shown_name(c) == c else "_" for c in name)
    return "_" + out[1:] if out.startswith(".") else out
