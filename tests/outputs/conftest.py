"""Fixtures of the map's tests (defined in tests/outputs/mapkit.py): Chromium, a map opener, a tile server."""

from tests.outputs.mapkit import browser, map_settings, open_map, tile_server

__all__ = ["browser", "map_settings", "open_map", "tile_server"]
