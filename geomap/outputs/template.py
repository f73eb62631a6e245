"""The map page as folium renders it around its data, kept between builds: a rebuild whose page has the
same shape fills the data into the page folium rendered before, without importing folium (and pandas
through it: a second and 95 MB).

folium renders the page with a stand-in (a sentinel) for each of its data-dependent texts: the runtime's
settings (counts, bounds, dates), the legend's rows, the number in the mentions layer's name and each
block of packed data. Every one of them goes into the page verbatim or through an escape that leaves the
sentinels and the texts put in their place alone, so filling them in gives the page folium renders with
the data itself (the tests compare both). What decides the page's shape (its elements and their ids: the
title, the style, the first view's box, whether there are shaded areas and mentions, the data's blocks)
and the code that renders it (this package's files, folium's, branca's and jinja's versions) make the
template's key; every build, the first one included, fills a template, so that a page is the same bytes
whether its template was kept or just rendered. A template whose sentinels are not each where expected is
rendered again; were a fresh one so, the page is rendered with its data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from geomap.fsutil import atomic_write_text
from geomap.outputs import assets

PACKAGE_DIR = Path(__file__).resolve().parent
#: Bumped when the way a template is made or filled changes.
TEMPLATE_FORMAT = "1"
CONFIG = "@@geomap-config@@"
LEGEND = "@@geomap-legend@@"
MENTIONS = "@@geomap-mentions@@"
_SENTINELS = re.compile(r"(@@geomap-(?:config|legend|mentions)@@|GeomapSentinel\d+Z)")


def block_sentinel(n: int) -> str:
    """The stand-in of the data's n-th block: base64's letters only, as the page checks a block's are."""
    return f"GeomapSentinel{n}Z"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fill:
    """The page's data-dependent texts, in the places of the sentinels."""

    config: str  # the runtime's settings, as script JSON
    legend: str  # the legend's rows, as HTML
    mentions: str  # how many mentions the layer's name says, "" without the layer
    blocks: Sequence[str]  # the packed data's blocks, in the page's order


def template_key(shape: object) -> str:
    """The key of a template of this ``shape`` (JSON-able) rendered by this code, with the scripts and
    styles of the folder it inlines them from."""
    code = [TEMPLATE_FORMAT, _code(), str(assets.static_dir())]
    digest = hashlib.sha256(json.dumps([*code, shape], sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=1)
def _code() -> list[str]:
    """What renders a page: this package's files (code, scripts, styles) and the renderers' versions."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    versions = []
    for name in ("folium", "branca", "jinja2"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} ?")
    return [digest.hexdigest(), *versions]


def filled_page(
    *, key: str, fill: Fill, folder: Path, render: Callable[[], str], direct: Callable[[], str]
) -> str:
    """The page: the template of ``key`` kept in ``folder`` (or ``render``ed with the sentinels, and kept)
    with ``fill`` in the sentinels' places; ``direct`` renders the page with its data, if no template
    holds each sentinel where expected."""
    path = folder / f"map-template-{key}.html"
    template = _read(path)
    if template is None or (page := _filled(template, fill)) is None:
        template = render()
        page = _filled(template, fill)
        if page is None:
            return direct()
        _keep(path, template)
    return page


def _filled(template: str, fill: Fill) -> str | None:
    pieces = _SENTINELS.split(template)
    names = pieces[1::2]
    blocks = [block_sentinel(n) for n in range(len(fill.blocks))]
    wanted = [CONFIG, LEGEND, *blocks]
    if sorted(n for n in names if n != MENTIONS) != sorted(wanted) or (MENTIONS in names) != bool(fill.mentions):
        return None
    values = {CONFIG: fill.config, LEGEND: fill.legend, MENTIONS: fill.mentions, **dict(zip(blocks, fill.blocks, strict=True))}
    pieces[1::2] = [values[n] for n in names]
    return "".join(pieces)


def _read(path: Path) -> str | None:
    """A kept template, if whole: its first line is the digest of the rest."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    digest, _, template = text.partition("\n")
    return template if hashlib.sha256(template.encode("utf-8")).hexdigest() == digest else None


def _keep(path: Path, template: str) -> None:
    """Keep a template for the next build (the last few only); a folder that cannot hold it costs the next
    build a render, nothing else."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = sorted(path.parent.glob("map-template-*.html"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-8]:
            if old != path:
                old.unlink(missing_ok=True)
        digest = hashlib.sha256(template.encode("utf-8")).hexdigest()
        atomic_write_text(path, f"{digest}\n{template}")
