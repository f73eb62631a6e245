"""What the extraction tests share."""

from __future__ import annotations

import pytest

from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.settings import Extraction, Settings


@pytest.fixture(scope="session")
def extractor(gazetteer: Gazetteer) -> Extractor:
    """An extractor without the NER: what the rules find by themselves."""
    return Extractor(settings=Settings(extraction=Extraction(use_ner=False)), gazetteer=gazetteer)
