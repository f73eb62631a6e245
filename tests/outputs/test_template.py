"""A map page filled into the template folium rendered before is the page folium renders with its data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geomap.outputs import map as map_module
from geomap.outputs import template
from geomap.outputs.map import build_map
from geomap.records import Incident, Mention, ResolvedMention, Sentence
from geomap.settings import Settings
from tests.outputs.mapkit import incident, place, source


def _incidents(n: int) -> list[Incident]:
    anbar = place("Al Anbar", 32.5, 41.9, precision="admin1", extent_km=40.0, bbox=(38.8, 30.9, 44.0, 34.6))
    towns = [place(f"Town {k}", 33.0 + k / 10, 44.0 + k / 7) for k in range(5)]
    found = []
    for k in range(n):
        quote = f'Rockets hit {towns[k % 5].canonical} "{{{{ x }}}}" </script> @@geomap-legend@@ & <b>{k}</b>'
        where = anbar if k % 4 == 3 else towns[k % 5]
        found.append(
            incident(f"i{k:03d}", "shelling", where, (source(k, quote, where.canonical, title=f"T{k} {{% x %}}"),))
        )
    return found


def _mentions(n: int) -> list[ResolvedMention]:
    found = []
    for k in range(n):
        text = f"Près de Town {k} GeomapSentinel0Z, rien."
        sentence = Sentence(text=text, start=0, end=len(text), index=0)
        name = f"Town {k}"
        mention = Mention(
            article_id=f"a{k}", text=name, start=8, end=8 + len(name), sentence=sentence, qualified_text=name
        )
        found.append(
            ResolvedMention(mention=mention, place=place(f"Town {k}", 34.0, 43.0), file=f"{k:03d}.txt", title=f"t{k}")
        )
    return found


CASES = {
    "incidents, areas and mentions": (_incidents(9), _mentions(4)),
    "incidents only, several text blocks": (_incidents(7), []),
    "mentions only": ([], _mentions(3)),
    "nothing": ([], []),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("tiles", [True, False])
def test_a_filled_template_is_the_page_rendered_with_its_data(
    case: str, tiles: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incidents, mentions = CASES[case]
    base = Settings.from_env()
    style = replace(base.map, popup_chunk_incidents=3, tile_url=base.map.tile_url if tiles else "")
    settings = replace(base, map=style)
    filled_page = template.filled_page

    def in_tmp(**kwargs: Any) -> str:
        return filled_page(**{**kwargs, "folder": tmp_path / "templates"})

    monkeypatch.setattr(map_module, "filled_page", in_tmp)
    rendered = build_map(incidents=incidents, mentions=mentions, path=tmp_path / "rendered.html", settings=settings)
    kept = list((tmp_path / "templates").glob("map-template-*.html"))
    assert len(kept) == 1
    filled = build_map(incidents=incidents, mentions=mentions, path=tmp_path / "filled.html", settings=settings)

    def direct(**kwargs: Any) -> str:
        page: str = kwargs["direct"]()
        return page

    monkeypatch.setattr(map_module, "filled_page", direct)
    expected = build_map(incidents=incidents, mentions=mentions, path=tmp_path / "direct.html", settings=settings)
    assert rendered.read_bytes() == expected.read_bytes()
    assert filled.read_bytes() == expected.read_bytes()


def test_a_damaged_or_foreign_template_is_rendered_again(tmp_path: Path) -> None:
    fill = template.Fill(config="{}", legend="<b>rows</b>", mentions="", blocks=["QUJD"])
    whole = f"<p>{template.CONFIG} {template.LEGEND} {template.block_sentinel(0)}</p>"
    renders: list[str] = []

    def render() -> str:
        renders.append(whole)
        return whole

    def page() -> str:
        return template.filled_page(key="k", fill=fill, folder=tmp_path, render=render, direct=lambda: "direct")

    assert page() == "<p>{} <b>rows</b> QUJD</p>" and len(renders) == 1
    assert page() == "<p>{} <b>rows</b> QUJD</p>" and len(renders) == 1  # kept
    kept = tmp_path / "map-template-k.html"
    kept.write_text(kept.read_text(encoding="utf-8").replace("<p>", "<q>"), encoding="utf-8")
    assert page() == "<p>{} <b>rows</b> QUJD</p>" and len(renders) == 2  # its digest no longer matches
    digest, _, _ = kept.read_text(encoding="utf-8").partition("\n")
    import hashlib

    lacking = "<p>no sentinels</p>"
    kept.write_text(f"{hashlib.sha256(lacking.encode()).hexdigest()}\n{lacking}", encoding="utf-8")
    assert page() == "<p>{} <b>rows</b> QUJD</p>" and len(renders) == 3  # whole, but not a template of this
    assert digest


def test_a_render_without_its_sentinels_gives_the_direct_page(tmp_path: Path) -> None:
    fill = template.Fill(config="{}", legend="", mentions="", blocks=[])
    page = template.filled_page(
        key="k", fill=fill, folder=tmp_path, render=lambda: "<p>nothing</p>", direct=lambda: "direct"
    )
    assert page == "direct" and not list(tmp_path.iterdir())
