"""The files the map page inlines: Leaflet (vendored from npm) and geomap's own JS and CSS.

All of them ship inside the package (``geomap/outputs/static/``) and are read with importlib.resources,
so an installed geomap draws maps with no network and no npm. The vendored copies are exactly the files
of the npm packages pinned in ``assets/package.json``: ``python -m geomap.tools.vendor`` refreshes them
and a test compares them.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable

from geomap.errors import ConfigurationError

#: Vendored file (under static/vendor/) -> its path in ``node_modules`` of the npm packages.
VENDORED: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "images/layers.png": "leaflet/dist/images/layers.png",
    "images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "LICENSE-leaflet.txt": "leaflet/LICENSE",
}
VENDOR_CSS = ("leaflet.css",)
VENDOR_JS = ("leaflet.js",)
#: geomap's own scripts (static/), inlined after Leaflet; map.js's runtime uses the others.
GEOMAP_JS = ("basemap.js", "cluster.js", "areas.js", "popups.js", "timeline.js", "map.js")


@dataclass(frozen=True, slots=True, kw_only=True)
class Assets:
    """The texts to inline into the page's head."""

    css: tuple[str, ...]
    js: tuple[str, ...]


def static_dir() -> Traversable:
    return resources.files("geomap.outputs") / "static"


@functools.lru_cache(maxsize=1)
def load_assets() -> Assets:
    """Leaflet and geomap's own files; leaflet.css's images become data: URIs."""
    static = static_dir()
    vendor = static / "vendor"

    def inline_image(match: re.Match[str]) -> str:
        image = vendor / match.group(1)
        if not image.is_file():
            return match.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode('ascii')})"

    css = [_read(vendor / name) for name in VENDOR_CSS]
    css[0] = re.sub(r"url\(['\"]?(images/[\w.-]+\.png)['\"]?\)", inline_image, css[0])
    scripts = [_strip_source_map(_read(vendor / name)) for name in VENDOR_JS]
    scripts += [_read(static / name) for name in GEOMAP_JS]
    for name, script in zip([*VENDOR_JS, *GEOMAP_JS], scripts, strict=True):
        if "</script" in script.lower():
            raise ConfigurationError(f"the map asset {name} contains '</script' and cannot be inlined")
    return Assets(css=(*css, _read(static / "map.css")), js=tuple(scripts))


def _read(path: Traversable) -> str:
    if not path.is_file():
        raise ConfigurationError(
            f"the map asset {path} is missing from the installed package: reinstall geomap"
            " (in a checkout, `python -m geomap.tools.vendor` restores the vendored files)"
        )
    return path.read_text(encoding="utf-8")


def _strip_source_map(js: str) -> str:
    # The .map file is not shipped; a developer tool asking for it would only log an error.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
