"""Random text into the reader and the extractor: no exception but ArticleError escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import ArticleError
from geomap.extract.pipeline import Extractor
from geomap.read.articles import read_article
from geomap.settings import Extraction, Settings

_WORDS = st.sampled_from(
    [
        "Bagdad",
        "Aïn al-Asad",
        "roquettes",
        "à",
        "près de",
        "l’aéroport de",
        "la base",
        "province",
        "d’al-",
        "Lire aussi :",
        "SOURCE:",
        "---",
        "attaque",
        "drone",
        "le 3 janvier",
        "lundi",
        "«",
        "»",
        "\n",
        "\n\n",
        "Washington",
        "al-",
        "Al",
        "-",
        "’",
        "'",
        ".",
        ",",
        "Mossoul",
        "in",
        "near",
        "rocket",
        "strike",
        "2021",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_WORDS, max_size=80).map(" ".join),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
)
_EXTRACTOR = Extractor(settings=Settings(extraction=Extraction(use_ner=False)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_reader_and_extractor_never_crash(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            article = read_article(path)
        except ArticleError as exc:
            assert "random.txt" in str(exc)
            return
        result = _EXTRACTOR.extract(article)
        for incident in result.incidents:
            assert -90 <= incident.lat <= 90 and -180 <= incident.lon <= 180
            assert incident.sources and all(s.quote for s in incident.sources)
