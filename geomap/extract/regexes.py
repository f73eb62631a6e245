"""The compiled form of the few huge regular expressions spaCy compiles as it loads, kept between processes.

spaCy's French tokenizer tells hyphenated words with one pattern of 1.4 million characters (every letter
of every alphabet, in each of its ~300 alternatives): compiling it takes 5 to 8 s of CPU in every process
that loads the model, more than reading the model itself. ``re`` compiles a pattern into a list of
integers that depends only on the pattern, its flags and the interpreter. :func:`recording` keeps that list
for the huge patterns compiled while spaCy loads; :func:`restore` hands it to ``_sre.compile`` again before
the next load, in a new process, and puts the result in ``re``'s own cache, where ``re.compile`` finds
it: the pattern object is the one ``re.compile`` would build (its code compares equal), not a look-alike.

Private parts of ``re`` are used: its cache and the call to ``_sre.compile``. The file is named after the
interpreter's build and ``_sre``'s version; where those parts are not as expected, nothing is kept or
restored and patterns compile as usual.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # no stubs: the compiler's back end
import contextlib
import hashlib
import marshal
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap.fsutil import atomic_write_bytes

#: Patterns at least this long are kept: spaCy's token-match pattern (1.4 M characters); its prefix and
#: suffix patterns (20 K) compile in a few hundredths of a second.
MIN_CHARS = 100_000


#: The patterns :func:`restore` put in ``re``'s cache, per file: kept again by :func:`recording` with the
#: new ones, so that a file keeps the patterns used, not only the last ones compiled.
_RESTORED: dict[Path, list[tuple[int, tuple[Any, ...]]]] = {}


def cache_file(folder: Path, name: str = "") -> Path:
    """Where the compiled patterns of this interpreter are kept, in ``folder`` (``name``: which ones)."""
    build = hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}".encode()).hexdigest()
    return folder / "compiled-regexes" / f"{build[:16]}{'-' + name if name else ''}.marshal"


def restore(folder: Path, name: str = "") -> int:
    """Put the patterns kept in ``folder`` (under ``name``) in ``re``'s cache; how many. A missing or
    unreadable file restores none (the patterns then compile as usual)."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict):
        return 0
    path = cache_file(folder, name)
    try:
        entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return 0
    restored = _RESTORED[path] = []
    for entry in entries if isinstance(entries, list) else ():
        try:
            flags, args = entry
            compiled = _sre.compile(*args)
        except (TypeError, ValueError, RuntimeError):
            continue
        # The key ``re.compile`` looks up: the pattern's type, its text and the flags it was called with.
        cache[(str, compiled.pattern, flags)] = compiled
        restored.append((flags, args))
    return len(restored)


@contextlib.contextmanager
def recording(folder: Path, name: str = "", *, min_chars: int | None = None) -> Iterator[None]:
    """Keep, in ``folder`` (under ``name``), the patterns of at least ``min_chars`` characters (default
    :data:`MIN_CHARS`) compiled in this block that were not restored from it, with those restored that the
    block asked for (so that the file holds what is used, and does not grow)."""
    least = MIN_CHARS if min_chars is None else min_chars
    compiler: Any = getattr(re, "_compiler", None)
    real: Any = getattr(compiler, "_sre", None)
    real_compile: Any = getattr(re, "_compile", None)
    if real is None or real_compile is None or not isinstance(getattr(re, "_cache", None), dict):
        yield
        return
    seen: dict[str, tuple[Any, ...]] = {}
    asked: set[tuple[str, int]] = set()

    def asking(pattern: Any, flags: Any) -> Any:
        if isinstance(pattern, str):
            asked.add((pattern, int(flags)))
        return real_compile(pattern, flags)

    class _Recorder:
        """``_sre`` as ``re`` sees it during the block: its ``compile`` notes the arguments of huge patterns."""

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def compile(self, *args: Any) -> Any:
            if isinstance(args[0], str) and len(args[0]) >= least:
                seen[args[0]] = args
            return real.compile(*args)

    compiler._sre = _Recorder()
    re._compile = asking  # type: ignore[attr-defined]
    try:
        yield
    finally:
        compiler._sre = real
        re._compile = real_compile  # type: ignore[attr-defined]
    path = cache_file(folder, name)
    restored = _RESTORED.get(path, [])
    used = [(flags, args) for flags, args in restored if (args[0], flags) in asked]
    # A few patterns compiled beside many restored ones leave the file as it is (a pattern joined from a
    # set's items differs in each process, and rewriting the file each time would cost more), unless the
    # file holds patterns the block no longer asked for: the code changed, and the new ones are kept.
    if seen and (len(seen) > len(used) // 10 or len(used) < len(restored)):
        _save(path, seen, used)


@contextlib.contextmanager
def kept_compiled(folder: Path, name: str) -> Iterator[None]:
    """Every pattern compiled in this block (an import compiling a few hundred, a third of a second) kept
    compiled in ``folder`` under ``name``, and restored from it first."""
    restore(folder, name)
    with recording(folder, name, min_chars=0):
        yield


def _save(path: Path, seen: dict[str, tuple[Any, ...]], used: list[tuple[int, tuple[Any, ...]]]) -> None:
    # ``re``'s cache holds the flags each pattern was compiled with (the compiled pattern's own flags add
    # the inline ones: "(?iu)").
    entries = []
    cache = re._cache  # type: ignore[attr-defined]
    for key in list(cache):
        if not (isinstance(key, tuple) and len(key) == 3):
            continue  # a cache keyed otherwise: nothing is kept
        kind, text, flags = key
        if kind is str and text in seen:
            pattern, final_flags, code, *rest = seen[text]
            # The compiler's opcodes are int subclasses, which marshal does not write.
            entries.append((flags, (pattern, final_flags, [int(op) for op in code], *rest)))
    known = {(args[0], flags) for flags, args in entries}
    entries += [(flags, args) for flags, args in used if (args[0], flags) not in known]
    if entries:
        with contextlib.suppress(OSError, ValueError):
            atomic_write_bytes(path, marshal.dumps(entries))
