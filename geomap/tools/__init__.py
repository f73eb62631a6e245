"""Build-time tools run in a checkout (``python -m geomap.tools.<name>``): they derive the committed data
(gazetteer, country outlines, vendored map assets) and are never imported by a build."""

from __future__ import annotations

from pathlib import Path

#: The checkout these tools write into.
REPOSITORY = Path(__file__).resolve().parents[2]
#: The repository's gazetteer folder (shipped in the package as geomap.gazetteer_data).
GAZETTEER_DIR = REPOSITORY / "gazetteer"
