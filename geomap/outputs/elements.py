"""The folium elements of the map page that folium does not have.

Each is a small :class:`~branca.element.MacroElement` with a short template, added with ``add_to`` like
folium's own. What they run is in ``static/map.js`` (inlined by :class:`InlineAssets`); their templates
only call it. Rendered text goes into the page as :class:`Raw`, never through Jinja again.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import FastMarkerCluster, FeatureGroupSubGroup, MarkerCluster
from folium.template import Template

from geomap.outputs.assets import Assets
from geomap.records import EventType

_CLUSTER_OPTIONS: dict[str, Any] = {
    # chunkedLoading keeps the page responsive while tens of thousands of markers are clustered.
    "chunked_loading": True,
    "show_coverage_on_hover": False,
    "spiderfy_on_max_zoom": True,
    "max_cluster_radius": 50,
}


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


class IncidentCluster(MarkerCluster, Verbatim):
    """The one marker cluster of all incidents (its plugin is inlined by :class:`InlineAssets`)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    def __init__(self, *, icon_create_function: str) -> None:
        super().__init__(  # type: ignore[no-untyped-call]  # folium leaves it unannotated
            name="Incidents", control=False, icon_create_function=icon_create_function, **_CLUSTER_OPTIONS
        )


class TypeGroup(FeatureGroupSubGroup, Verbatim):
    """The feature group of one incident type: a subgroup of the incident cluster."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    def __init__(self, *, cluster: MarkerCluster, name: str) -> None:
        super().__init__(cluster, name=name, overlay=True, control=True, show=True)  # type: ignore[no-untyped-call]


class IncidentRows(Verbatim):
    """The data layer of one incident type: its rows, made into markers of its group by the page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.addIncidents({{ this.event_type|tojson }}, {{ this._parent.get_name() }}, {{ this.rows_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, event_type: EventType, rows: list[list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "IncidentRows"
        self.event_type = event_type
        self.rows_json = script_json(rows)


class RowCluster(FastMarkerCluster, Verbatim):
    """FastMarkerCluster over rows that the caller has validated, embedded as compact JSON.

    The plugin's CDN links are dropped (it is inlined by :class:`InlineAssets`). The template is
    FastMarkerCluster's with the data written by :func:`script_json`: raw UTF-8 and no spaces, about
    a fifth smaller than Jinja's ``tojson`` for French text.
    """

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                {{ this.callback }}
                var data = {{ this.data_json }};
                var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
                {%- if this.icon_create_function is not none %}
                cluster.options.iconCreateFunction = {{ this.icon_create_function.strip() }};
                {%- endif %}
                for (var i = 0; i < data.length; i++) {
                    callback(data[i]).addTo(cluster);
                }
                cluster.addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}"""
    )

    def __init__(self, *, rows: list[list[Any]], callback: str, icon_create_function: str) -> None:
        # The rows skip FastMarkerCluster's per-row validation (half a second for 50,000 rows):
        # the map's row builder has already validated every coordinate.
        super().__init__(  # type: ignore[no-untyped-call]  # folium leaves it unannotated
            [],
            callback=callback,
            icon_create_function=icon_create_function,
            control=False,
            **_CLUSTER_OPTIONS,
        )
        self.data_json = script_json(rows)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>" or "<!--" can come out of a string."""
    return script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def script_safe(json_text: str) -> str:
    # In JSON these characters occur only inside strings, where the escapes mean the same.
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class InlineAssets(Verbatim):
    """Leaflet and its two plugins, inlined into the page's head."""

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
    """Starts the page's ``geomap`` helpers (static/map.js) with the map, its settings and the article table."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.type_css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var geomap = geomapRuntime({{ this._parent.get_name() }}, {{ this.config_json }}, {{ this.articles_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, config: dict[str, Any], articles: list[list[str]], type_css: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "GeomapRuntime"
        self.type_css = type_css
        self.config_json = script_json(config)
        self.articles_json = script_json(articles)


class Legend(Verbatim):
    """What each marker means, as a Leaflet control made from markup rendered (and escaped) by the caller."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-box gm-legend">
          <div class="gm-box-title">Incidents</div>
          {{ this.rows }}
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomapControl({{ this._parent.get_name() }}, {{ this.get_name()|tojson }}, "bottomleft");
        {% endmacro %}
        """
    )

    def __init__(self, *, rows: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Legend"
        self.rows = rows


class DateFilter(Verbatim):
    """Two date inputs that show only the incidents whose (possibly partial) date overlaps the range."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-box gm-filter">
          <div class="gm-box-title">Incident dates</div>
          <label>From <input type="date" name="from"></label>
          <label>To <input type="date" name="to"></label>
          <label><input type="checkbox" name="undated" checked> include undated incidents</label>
          <button type="button" name="reset">Show all</button>
          <div class="gm-count"></div>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geomapDateFilter({{ this._parent.get_name() }}, geomap, {{ this.get_name()|tojson }}, {{ this.total|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, *, total: int) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "DateFilter"
        self.total = total
