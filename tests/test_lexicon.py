"""The lexicon: language knowledge as data, one file per language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from geomap import lexicon
from geomap.errors import ConfigurationError

LEXICON = lexicon.load()


def _lists(table: Any, path: str = "") -> list[tuple[str, str]]:
    """Every string of every list in a lexicon table, with its dotted key."""
    out: list[tuple[str, str]] = []
    if isinstance(table, dict):
        for key, value in table.items():
            out += _lists(value, f"{path}.{key}" if path else key)
    elif isinstance(table, list):
        for item in table:
            if isinstance(item, str):
                out.append((path, item))
            else:
                out += _lists(item, path)
    return out


@pytest.mark.parametrize("name", sorted(LEXICON.files))
def test_every_entry_is_a_valid_regular_expression(name: str) -> None:
    for key, entry in _lists(LEXICON.files[name]):
        try:
            re.compile(entry)
        except re.error as exc:
            pytest.fail(f"{name}: {key}: {entry!r} is not a regular expression ({exc})")


def test_french_and_english_are_the_languages_read_french_first() -> None:
    assert LEXICON.codes == ("fr", "en")


@pytest.mark.parametrize(("code", "module"), [("fr", "spacy.lang.fr.stop_words"), ("en", "spacy.lang.en.stop_words")])
def test_the_stop_words_hold_spacys_from_which_they_were_copied(code: str, module: str) -> None:
    import importlib

    spacy_words = importlib.import_module(module).STOP_WORDS
    assert set(spacy_words) <= LEXICON.words_of(code, "mentions.stop_words")


def test_lists_are_joined_across_languages_french_first() -> None:
    assert LEXICON.entries("read.source") == ["sources?", "sources?"]
    related = LEXICON.entries("read.related")
    assert related.index(r"lire\s+aussi") < related.index(r"read\s+more")
    assert LEXICON.alt("merge.more").startswith("(?:aussi|")


def test_a_missing_entry_says_which() -> None:
    with pytest.raises(ConfigurationError, match=r"no lexicon file has an entry 'events\.nothing'"):
        LEXICON.entries("events.nothing")
    with pytest.raises(ConfigurationError, match=r"no lexicon file for language 'xx'"):
        LEXICON.of("xx")


def test_an_entry_of_the_wrong_shape_says_so(tmp_path: Path) -> None:
    (tmp_path / "fr.toml").write_text('[language]\ncode = "fr"\n[read]\nsource = "sources?"\n', encoding="utf-8")
    broken = lexicon.load_folder(tmp_path)
    with pytest.raises(ConfigurationError, match=r"'read\.source' must be a list of strings"):
        broken.entries("read.source")


def test_a_file_that_is_not_toml_names_itself(tmp_path: Path) -> None:
    (tmp_path / "fr.toml").write_text("[language\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"lexicon file fr\.toml is not valid TOML"):
        lexicon.load_folder(tmp_path)


SPANISH = '''
[language]
code = "es"
names = ["es", "spanish", "español"]
stop_words = ["el los las y del con por para una es su sus lo como pero más fue este esta sobre entre también había son desde muy hasta"]

[events.weapon]
shelling = ['\\bcohetes?\\b', '\\bmorteros?\\b']

[events.violence]
attack = ['\\batac(?:ó|aron|ado|ada)\\b']

[locate]
locative = ['en', 'contra', 'cerca\\s+de']

[mentions]
stop_words = ["el la los las un una de del en y contra lunes martes"]
qualifier_of = ['de\\s+']

[qualifiers.before]
base = ['bases?']

[dates]
months = { enero = 1, febrero = 2, marzo = 3, abril = 4, mayo = 5, junio = 6, julio = 7, agosto = 8, septiembre = 9, octubre = 10, noviembre = 11, diciembre = 12 }
month_abbreviations = {}
weekdays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

[[dates.finders]]
kind = "day_month"
pattern = \'\'\'(?i:\\b(?:(?P<weekday>{weekday})\\s+)?(?P<day>[0-3]?\\d)\\s+de\\s+(?P<month>{month})(?:\\s+de\\s+(?P<year>{year}))?\\b)\'\'\'

[[dates.relative_days]]
days_before = 1
pattern = \'\'\'(?i:\\bayer\\b)\'\'\'

[fallback]
prepositions = ['en', 'cerca\\s+de']
place_nouns = ['la\\s+ciudad\\s+de\\s+']
'''

_EXTRACT = """
import functools, json, sys
from pathlib import Path
import geomap.lexicon as lexicon
lexicon.load = functools.lru_cache(maxsize=1)(lambda: lexicon.load_folder(Path(sys.argv[1])))
from geomap.extract.pipeline import Extractor
from geomap.read.articles import read_article
from geomap.settings import Extraction, Settings
article = read_article(Path(sys.argv[2]))
result = Extractor(settings=Settings(extraction=Extraction(use_ner=False))).extract(article)
print(json.dumps({"lang": article.lang, "incidents": [
    {"place": i.place.gazetteer_id, "type": i.event_type, "date": i.date} for i in result.incidents]}))
"""


def test_adding_a_language_is_adding_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(Path(str(resources.files("geomap.lexicon"))), folder, ignore=shutil.ignore_patterns("*.py*"))
    (folder / "es.toml").write_text(SPANISH, encoding="utf-8")
    others = (folder / "other-languages.toml").read_text(encoding="utf-8")
    (folder / "other-languages.toml").write_text(re.sub(r'\nes = """.*?"""\n', "\n", others, flags=re.S))
    article = tmp_path / "cohetes.txt"
    article.write_text(
        textwrap.dedent(
            """\
            Cohetes contra una base en Irak
            El lunes 5 de abril de 2021, tres cohetes cayeron contra la base de Ain al-Asad, en el oeste de Irak.
            Ningún grupo reivindicó el ataque, y los militares no dieron más detalles sobre los daños.
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT, str(folder), str(article)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert found["lang"] == "es"
    assert {"place": "icao:ORAA", "type": "shelling", "date": "2021-04-05"} in found["incidents"]
