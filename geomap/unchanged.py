"""A build with nothing to do: the published outputs already are what it would write.

A build records in its manifest (:mod:`geomap.publish`) the key of everything its outputs depend on besides
the articles (:func:`output_key`: geomap's code and lexicons, the settings, the gazetteer, whether the map
was written) and each output file's SHA-256. The next build hashes the article files; when they are the
published ones, the key is the same and every output file still has its bytes, the outputs are left as
they are: of the build cache only the files' stamps are read (:mod:`geomap.stamps`), no result decoded,
nothing merged or written but the build report (whose figures come from the previous one). Anything else,
and the build goes the whole way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geomap.cache import extraction_version
from geomap.places.gazetteer import DATA_FILE, data_dir
from geomap.settings import Performance, Settings

#: The previous report's fields that a build with nothing to do reports again.
REPORTED_AGAIN = ("warnings", "incidents", "mentions", "unresolved", "hints")


def output_key(settings: Settings, gazetteer_version: str, *, write_map: bool) -> str:
    """The key of what the outputs depend on besides the articles (how fast a build goes is not part of
    it: ``settings.performance``). The gazetteer's version covers its places; the other files of its data
    folder (the country outlines the map draws) are hashed here."""
    digest = hashlib.sha256(extraction_version(settings, gazetteer_version).encode())
    digest.update(repr(replace(settings, performance=Performance())).encode())
    digest.update(b"map" if write_map else b"no map")
    folder = data_dir(settings)
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        if path.is_file() and path.name != DATA_FILE:
            digest.update(f"{path.name}:{file_digest(path)}".encode())
    return digest.hexdigest()[:32]


def file_digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@dataclass(frozen=True, kw_only=True)
class Published:
    """What the manifest says of the outputs: their key and each file's name and digest, in the order the
    build wrote them."""

    key: str
    outputs: tuple[tuple[str, str], ...]

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "outputs": [list(pair) for pair in self.outputs]}

    @classmethod
    def from_json(cls, data: object) -> Published | None:
        if not isinstance(data, dict):
            return None
        key, outputs = data.get("key"), data.get("outputs")
        if not isinstance(key, str) or not isinstance(outputs, list):
            return None
        pairs = []
        for pair in outputs:
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                return None
            pairs.append((pair[0], pair[1]))
        return cls(key=key, outputs=tuple(pairs))


def describe_outputs(key: str, staged: list[Path]) -> Published:
    """The manifest's record of outputs just written (``staged``, in the order written)."""
    return Published(key=key, outputs=tuple((p.name, file_digest(p)) for p in staged))


def previous_report(
    output_dir: Path, published: Published | None, *, key: str, report_file: str
) -> dict[str, Any] | None:
    """The previous build's report when its outputs are still what a build with key ``key`` writes (every
    file with the bytes it was published with); None otherwise."""
    if published is None or published.key != key:
        return None
    for name, digest in published.outputs:
        try:
            if file_digest(output_dir / name) != digest:
                return None
        except OSError:
            return None
    try:
        data = json.loads((output_dir / report_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("skipped")
        or data.get("geocoder_faults")
        or data.get("repaired")
    ):
        return None
    if not all(name in data for name in REPORTED_AGAIN):
        return None
    return data
