"""A build's outputs published together, and what changed since the outputs a reader last saw.

Each output file is written atomically, but a build writes several (the map, GeoJSON, CSV, the build
report): a crash between two of them would leave files that disagree. So a build writes all of them into
a staging folder inside the output folder (:class:`Generation`), then publishes them: it writes a journal
naming them (the commit point, itself atomic), renames each into place, and deletes the journal. The next
build, under the same lock, calls :func:`repair` first: with a journal it finishes the renames (the whole
new generation is on disk); without one it deletes the staging folder (the outputs are the previous
build's, whole). Either way it says so, and it also deletes the temporary files of older geomap versions.

The published generation carries a manifest (the article files and the bytes it mapped, and how many
incidents), which is what the next build's summary compares against (:func:`changes`): an article cached
by a build that was killed before publishing is still new to the reader of the outputs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import GeomapError
from geomap.filenames import shown_name, shown_path
from geomap.fsutil import atomic_write_text
from geomap.unchanged import Published

STAGING_DIR_NAME = ".geomap-staging"
JOURNAL_FILE_NAME = ".geomap-publish.json"
MANIFEST_FILE_NAME = ".geomap-manifest.json"
#: The temporary files of :func:`geomap.fsutil.atomic_write_bytes` (``.<name>.<8 random>.tmp``).
_TEMPORARY = re.compile(r"^\.[^/]+\.[a-z0-9_]{8}\.tmp$")


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """What the published outputs were built from: article file -> SHA-256 of its bytes; incidents."""

    articles: dict[str, str]
    incidents: int
    #: The outputs' key and digests (:mod:`geomap.unchanged`); None from a geomap that did not record them,
    #: or when the next build must go the whole way (a geocoder fault to retry).
    outputs: Published | None = None


@dataclass(kw_only=True)
class Changes:
    """How the articles mapped now differ from those of the published outputs."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # the file's bytes changed
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)  # "old -> new"
    reread: list[str] = field(default_factory=list)  # same bytes, read again (new version, geocoder retry)
    unchanged: int = 0


def changes(
    published: dict[str, str], current: dict[str, str], *, present: set[str], extracted: set[str]
) -> Changes:
    """Compare the articles mapped now (``current``: file -> hash) with the ``published`` ones.

    ``present`` is every article file of the folder, mapped or skipped: a published file that is still
    there but was skipped this time is reported as skipped, not removed. ``extracted`` is what went
    through the extractor this time.
    """
    out = Changes()
    gone = {name: digest for name, digest in published.items() if name not in present}
    gone_by_hash = {digest: name for name, digest in sorted(gone.items(), reverse=True)}
    for name, digest in sorted(current.items()):
        before = published.get(name)
        if before is None:
            old = gone_by_hash.pop(digest, None)
            if old is not None:
                out.renamed.append(f"{old} -> {name}")
                del gone[old]
            else:
                out.added.append(name)
        elif before != digest:
            out.updated.append(name)
        elif name in extracted:
            out.reread.append(name)
        else:
            out.unchanged += 1
    out.removed = sorted(gone)
    return out


def read_manifest(output_dir: Path) -> Manifest | None:
    """The manifest of the published outputs; None when there is none (or an unreadable one)."""
    try:
        data = json.loads((output_dir / MANIFEST_FILE_NAME).read_text(encoding="utf-8"))
        articles = data["articles"]
        incidents = data["incidents"]
        outputs = Published.from_json(data.get("outputs"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (
        isinstance(articles, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in articles.items())
        and isinstance(incidents, int)
    ):
        return None
    return Manifest(articles=articles, incidents=incidents, outputs=outputs)


def repair(output_dir: Path) -> list[str]:
    """Bring the output folder back to one whole generation after a crash; one line per repair made.

    Call it holding the build lock, before anything is written.
    """
    notes = []
    staging = output_dir / STAGING_DIR_NAME
    journal = output_dir / JOURNAL_FILE_NAME
    try:
        if journal.exists():
            names = _journal_names(journal)  # none if unreadable: then the staging folder is deleted
            for name in names:
                if (staging / name).is_file():
                    os.replace(staging / name, output_dir / name)
            journal.unlink()
            if names:
                notes.append(
                    "outputs repaired: an interrupted build had written all its outputs; finished publishing"
                    f" them ({', '.join(names)})"
                )
        if staging.exists():
            shutil.rmtree(staging)
            if not notes:
                notes.append(
                    "outputs repaired: deleted the unfinished outputs of an interrupted build; the outputs"
                    " are the last complete build's"
                )
        stale = [p for p in output_dir.iterdir() if _TEMPORARY.match(p.name) and p.is_file()]
        for path in stale:
            path.unlink()
    except OSError as error:
        raise _not_writable(output_dir, error) from error
    if stale:
        notes.append(f"outputs repaired: deleted {len(stale)} temporary file(s) left by an interrupted build")
    return notes


class Generation:
    """The outputs of one build, written into a staging folder, then published together."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.folder = output_dir / STAGING_DIR_NAME
        try:
            if self.folder.exists():
                shutil.rmtree(self.folder)
            self.folder.mkdir()
        except OSError as error:
            raise _not_writable(output_dir, error) from error

    def write_manifest(
        self, *, articles: dict[str, str], incidents: int, outputs: Published | None = None
    ) -> None:
        data: dict[str, object] = {"articles": articles, "incidents": incidents}
        if outputs is not None:
            data["outputs"] = outputs.as_json()
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        atomic_write_text(self.folder / MANIFEST_FILE_NAME, text + "\n")

    def final(self, staged: Iterable[str | Path]) -> list[str]:
        """Where staged files will be once published (escaped as :func:`shown_name` does)."""
        return [shown_name(str(self.output_dir / Path(p).name)) for p in staged]

    def publish(self) -> None:
        """Move every staged file into the output folder, all or (after a crash, until repaired) none."""
        try:
            names = sorted(p.name for p in self.folder.iterdir() if p.is_file())
            # The commit point: from here on, the next build finishes what this one started.
            atomic_write_text(self.output_dir / JOURNAL_FILE_NAME, json.dumps({"files": names}) + "\n")
            for name in names:
                os.replace(self.folder / name, self.output_dir / name)
            _fsync_dir(self.output_dir)
            (self.output_dir / JOURNAL_FILE_NAME).unlink()
            shutil.rmtree(self.folder)
        except OSError as error:
            raise GeomapError(
                f"cannot publish the outputs in {shown_path(self.output_dir)} ({error.strerror or error});"
                " free space or fix the folder, then build again: the next build repairs the outputs"
            ) from error


def _journal_names(journal: Path) -> list[str]:
    try:
        names = json.loads(journal.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError):
        return []
    # Plain file names only: the journal names files of this folder, nothing else.
    return [n for n in names if isinstance(n, str) and n and "/" not in n and n not in (".", "..")]


def _not_writable(output_dir: Path, error: OSError) -> GeomapError:
    return GeomapError(
        f"output folder {shown_path(output_dir)} is not writable ({error.strerror or error}): make it"
        " writable, or choose another --output folder"
    )


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
