"""The folium elements of the map page that folium does not have.

Each is a small :class:`~branca.element.MacroElement` with a short template, added with ``add_to`` like
folium's own. What they run is in ``static/map.js`` (inlined by :class:`InlineAssets`); their templates
only call it. Rendered text goes into the page as :class:`Raw`, never through Jinja again.
"""

from __future__ import annotations

import re
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from geomap.outputs.assets import Assets
from geomap.outputs.mapdata import data_blocks, script_json


class Raw(Element):
    """Text put into the page as it is.

    branca wraps each rendered macro in ``Element(text)``, which parses the text again as a Jinja
    template: an article quoting "{{ ... }}" would be evaluated at build time, "{%" would crash it, and
    megabytes of data would be parsed for nothing. A ``_Raw`` element is never parsed.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class Verbatim(MacroElement):
    """MacroElement whose rendered header, html and script macros go into the page as :class:`Raw`.

    Listed after a folium class in the bases, it takes MacroElement's place in the MRO, so that the folium
    class's own ``render`` (CDN links, ``addTo`` of layers) still runs first.
    """

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map's figure, not an element alone"
        module = self._template.module
        for part, section in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(module, part, None)
            if macro is not None:
                section.add_child(Raw(str(macro(self, kwargs))), name=self.get_name())
        for child in list(self._children.values()):
            child.render(**kwargs)
        return ""


class OfflineMap(folium.Map):
    """A folium Map without the CDN links folium adds (jQuery, Bootstrap, Font Awesome...): unused here."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class InlineAssets(Verbatim):
    """Leaflet and geomap's own scripts and styles, inlined into the page's head."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- for css in this.assets.css %}
        <style>{{ css }}</style>
        {%- endfor %}
        {%- for js in this.assets.js %}
        <script>{{ js }}</script>
        {%- endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, *, assets: Assets) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "InlineAssets"
        self.assets = assets


class Hook(Verbatim):
    """One statement about its parent layer (named by the first ``{layer}``), run right after it is made."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js.replace("{layer}", this._parent.get_name(), 1) }}
        {% endmacro %}
        """
    )

    def __init__(self, *, js: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Hook"
        self.js = js


class Runtime(Verbatim):
    """Starts the page's ``geomap`` runtime (static/map.js) with the map and its settings."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.type_css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var geomap = geomapRuntime({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, config_json: str, type_css: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "GeomapRuntime"
        self.type_css = type_css
        self.config_json = config_json  # script_json of the settings


class Legend(Verbatim):
    """What each marker means, a box per type that shows or hides it, and the number shown; a Leaflet
    control made from markup rendered (and escaped) by the caller."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-box gm-legend" data-geomap="legend">
          <button type="button" class="gm-toggle gm-box-title" aria-expanded="true">Incidents</button>
          <div class="gm-rows">{{ this.rows }}</div>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomapLegend({{ this._parent.get_name() }}, geomap, {{ this.get_name()|tojson }}, geomap.cfg);
        {% endmacro %}
        """
    )

    def __init__(self, *, rows: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Legend"
        self.rows = rows


class Timeline(Verbatim):
    """The histogram of incidents over time under the map, with its date inputs, counts and undated box."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-timeline" data-geomap="timeline">
          <div class="gm-tl-head">
            <span class="gm-count"></span>
            <label>From <input type="date" name="from"></label>
            <label>to <input type="date" name="to"></label>
            <label><input type="checkbox" name="undated" checked> undated (<span class="gm-undated-n">0</span>)</label>
            <button type="button" name="reset">Show all</button>
            <a href="#" class="gm-outliers" hidden></a>
            <span class="gm-tl-help">Drag over the bars to pick a period; click them to clear it.</span>
          </div>
          <canvas class="gm-tl-chart" aria-label="Incidents over time"></canvas>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomap.ready.then(function () {
          geomap.timeline = geomapTimeline({{ this._parent.get_name() }}, geomap, {{ this.get_name()|tojson }}, geomap.cfg);
        });
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Timeline"


class PageData(Verbatim):
    """The page's packed data (gzip and base64, see :mod:`geomap.outputs.mapdata`), each part in a data
    block of its own (``<script type="application/octet-stream">``, which the browser neither parses nor
    runs), handed to the runtime, which reads a part when it needs it. Added last: every layer it fills
    exists by then."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        {%- for name, text in this.blocks %}
        <script type="application/octet-stream" id="{{ this.get_name() }}-{{ name }}">{{ text }}</script>
        {%- endfor %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomap.load({{ (this.get_name() ~ "-")|tojson }}, {{ this.layout_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, parts: dict[str, str | list[str] | None]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "PageData"
        blocks, layout = data_blocks(parts)
        for name, text in blocks:
            if not BASE64.fullmatch(text):
                raise ValueError(f"the page's data part {name!r} is not base64 text")
        self.blocks = blocks
        #: Which parts there are: True/False for one block, the number of blocks for a list.
        self.layout_json = script_json(layout)


BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
