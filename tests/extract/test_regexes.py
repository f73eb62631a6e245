"""The compiled patterns kept between processes are the ones ``re.compile`` builds."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from geomap.extract import regexes


def _fresh_pattern() -> str:
    """A pattern no one compiled before in this process, with inline flags, groups and a big class."""
    return f"(?iu)^(?P<head>{uuid.uuid4().hex})[-‐](?:[a-zà-öø-ÿ]|saint|l[èe]s?)+(?P<tail>[{'ÀÉÈ'}]?)$"


def test_a_recorded_pattern_comes_back_as_the_one_re_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regexes, "MIN_CHARS", 10)
    text = _fresh_pattern()
    with regexes.recording(tmp_path):
        compiled = re.compile(text)
    assert regexes.cache_file(tmp_path).exists()
    del re._cache[(str, text, 0)]  # type: ignore[attr-defined]  # as in a new process

    assert regexes.restore(tmp_path) == 1
    restored = re.compile(text)
    assert restored is not compiled
    # Patterns compare equal only when their pattern, flags and compiled code are the same.
    assert restored == compiled == re._compiler.compile(text, 0)  # type: ignore[attr-defined]
    assert restored.groupindex == compiled.groupindex and restored.groups == compiled.groups
    head = text[text.index(">") + 1 : text.index(")")]
    for word in (f"{head}-saint", f"{head.upper()}‐lès", f"{head}-x", f"{head}-", "x", f"{head}-ÉtÉ"):
        want, got = compiled.match(word), restored.match(word)
        assert (want and (want.span(), want.groupdict())) == (got and (got.span(), got.groupdict()))


def test_short_patterns_and_restored_ones_are_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with regexes.recording(tmp_path):
        re.compile(_fresh_pattern())  # shorter than MIN_CHARS
    assert not regexes.cache_file(tmp_path).exists()
    monkeypatch.setattr(regexes, "MIN_CHARS", 10)
    text = _fresh_pattern()
    with regexes.recording(tmp_path):
        re.compile(text)
    written = regexes.cache_file(tmp_path).stat().st_mtime_ns
    regexes.restore(tmp_path)
    with regexes.recording(tmp_path):
        re.compile(text)  # found in re's cache: nothing compiled, nothing written
    assert regexes.cache_file(tmp_path).stat().st_mtime_ns == written


def test_a_named_file_keeps_the_patterns_a_block_asked_for_and_no_others(tmp_path: Path) -> None:
    old, kept = _fresh_pattern(), _fresh_pattern()
    with regexes.recording(tmp_path, "rules", min_chars=0):
        re.compile(old)
        re.compile(kept)
    assert not regexes.cache_file(tmp_path).exists()  # its own file
    for text in (old, kept):
        del re._cache[(str, text, 0)]  # type: ignore[attr-defined]  # as in a new process
    assert regexes.restore(tmp_path, "rules") == 2
    new = [_fresh_pattern() for _ in range(3)]
    with regexes.recording(tmp_path, "rules", min_chars=0):
        re.compile(kept)  # restored, asked for again
        for text in new:
            re.compile(text)
    for text in (old, kept, *new):
        del re._cache[(str, text, 0)]  # type: ignore[attr-defined]
    assert regexes.restore(tmp_path, "rules") == 4  # the one asked for and the new ones, not the old one
    assert all(re.compile(text) == re._compiler.compile(text, 0) for text in (kept, *new))  # type: ignore[attr-defined]


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\xe9\x00\x00\x00\x00", b"[(0, 1)]"])
def test_an_unreadable_file_restores_nothing(tmp_path: Path, content: bytes) -> None:
    path = regexes.cache_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert regexes.restore(tmp_path) == 0


def test_invalid_code_is_refused_not_run(tmp_path: Path) -> None:
    import marshal

    path = regexes.cache_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(marshal.dumps([(0, ("x" * 20, 32, [999, 1, 2, 3], 0, {}, (None,)))]))
    assert regexes.restore(tmp_path) == 0


def test_a_few_new_patterns_replace_those_no_longer_asked_for(tmp_path: Path) -> None:
    """Once the code changes a few of its patterns, the file keeps the new ones instead of the old (else every
    process compiled them again), however many others it restores."""
    many = [_fresh_pattern() for _ in range(30)]
    with regexes.recording(tmp_path, "rules", min_chars=0):
        for text in many:
            re.compile(text)
    for text in many:
        del re._cache[(str, text, 0)]  # type: ignore[attr-defined]  # as in a new process
    assert regexes.restore(tmp_path, "rules") == 30
    new = _fresh_pattern()
    with regexes.recording(tmp_path, "rules", min_chars=0):
        for text in many[2:]:  # two no longer asked for
            re.compile(text)
        re.compile(new)
    for text in (*many, new):
        re._cache.pop((str, text, 0), None)  # type: ignore[attr-defined]
    assert regexes.restore(tmp_path, "rules") == 29
    assert all(re.compile(text) == re._compiler.compile(text, 0) for text in (*many[2:], new))  # type: ignore[attr-defined]
    # Asked again as they are, with one pattern of another process's making: the file stays as it is.
    written = regexes.cache_file(tmp_path, "rules").stat().st_mtime_ns
    with regexes.recording(tmp_path, "rules", min_chars=0):
        for text in (*many[2:], new):
            re.compile(text)
        re.compile(_fresh_pattern())
    assert regexes.cache_file(tmp_path, "rules").stat().st_mtime_ns == written
