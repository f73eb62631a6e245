"""Front matter a hostile file can hold: YAML bombs, deep nesting, values PyYAML cannot build, control
characters. Each is ignored with a warning (the article is read from its text) or a clean value: metadata
never costs the article, and never the build."""

from __future__ import annotations

import tempfile
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import ArticleError
from geomap.read.articles import read_article
from geomap.settings import Settings

BODY = (
    "Trois roquettes ont frappé la base d'Aïn al-Asad dans l'ouest de l'Irak, selon des responsables. "
    "Aucune victime n'a été signalée et l'attaque n'a pas été revendiquée pour le moment.\n"
)


def laughs(levels: int, width: int) -> str:
    """The "billion laughs" front matter: each level repeats the one before ``width`` times by alias."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    lines.append(f"title: *a{levels}")
    return "---\n" + "\n".join(lines) + "\n---\nTitre\n" + BODY


def read(tmp_path: Path, text: str, name: str = "a.txt") -> object:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return read_article(path)


def test_the_issues_billion_laughs_is_ignored_without_expanding_it(tmp_path: Path) -> None:
    text = laughs(9, 9)
    assert len(text.split("---")[1]) < 700  # a few hundred bytes standing for 9**9 strings
    tracemalloc.start()
    try:
        article = read(tmp_path, text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert article.warnings[0].startswith("front matter uses a YAML alias (*a0)")  # type: ignore[attr-defined]
    assert "write the value out" in article.warnings[0]  # type: ignore[attr-defined]
    assert "roquettes" in article.body  # type: ignore[attr-defined]  # read from its text
    assert peak < 5_000_000  # bytes: nothing was expanded


@settings(max_examples=40, deadline=None)
@given(levels=st.integers(min_value=1, max_value=12), width=st.integers(min_value=1, max_value=12))
def test_any_alias_is_ignored(levels: int, width: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        article = read(Path(tmp), laughs(levels, width))
    assert "roquettes" in article.body  # type: ignore[attr-defined]
    assert article.warnings[0].startswith("front matter uses a YAML alias")  # type: ignore[attr-defined]


def test_anchors_without_aliases_are_harmless(tmp_path: Path) -> None:
    article = read(tmp_path, "---\ntitle: &t Roquettes sur la base\nlang: fr\n---\n" + BODY)
    assert article.title == "Roquettes sur la base"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("x: " + "[" * 5000 + "]" * 5000, "nests more than 8 levels deep (Settings.max_front_matter_depth)"),
        ("x: " + "{a: " * 20 + "1" + "}" * 20, "nests more than 8 levels deep"),
        ("title: x\n" + "k: " + "v" * 70_000, "front matter is 70012 characters, over the limit of 65536"),
    ],
)
def test_front_matter_that_cannot_be_used_is_ignored_whole(tmp_path: Path, yaml_text: str, message: str) -> None:
    article = read(tmp_path, f"---\n{yaml_text}\n---\nTitre\n{BODY}")
    (warning,) = article.warnings  # type: ignore[attr-defined]
    assert message in warning and "\n" not in warning  # one line
    assert warning.endswith("ignored; the article is read from its text")
    assert "roquettes" in article.body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("yaml_text", "fields", "message"),
    [
        # A colon in a title left unquoted is no YAML: each line is read alone, the others are kept.
        (
            "title: Syrie: trois morts\npublished: 2022-05-21\nsource: Belga",
            {"title": "Syrie: trois morts", "published": "2022-05-21", "outlet": "Belga"},
            "mapping values are not allowed here",
        ),
        ("published: 2021-99-99\nsource: AFP", {"published": None, "outlet": "AFP"}, "month must be in 1..12"),
        ("title: " + "7" * 5000 + "\nlang: fr", {"title": "7" * 5000, "lang": "fr"}, "front matter is not valid YAML"),
        # A tag is text, never a call.
        (
            "title: !!python/object/apply:os.system ['echo hi']",
            {"title": "!!python/object/apply:os.system ['echo hi']"},
            "front matter is not valid YAML",
        ),
        ("? [a, b]\n: c", {"url": None, "published": None}, "front matter is not valid YAML"),
    ],
)
def test_front_matter_that_is_not_yaml_is_read_line_by_line(
    tmp_path: Path, yaml_text: str, fields: dict[str, str | None], message: str
) -> None:
    article = read(tmp_path, f"---\n{yaml_text}\n---\nTitre\n{BODY}")
    assert message in article.warnings[0] and "\n" not in article.warnings[0]  # type: ignore[attr-defined]
    assert article.warnings[0].endswith("read line by line as `key: value`")  # type: ignore[attr-defined]
    for name, value in fields.items():
        assert getattr(article, name) == value, name
    assert "roquettes" in article.body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("title: [Roquettes, sur, la, base]", "front matter title: is a list, not one value: ignored"),
        ("source: {name: Reuters}", "front matter source: is a dict, not one value: ignored"),
        ("published: la semaine dernière", "front matter published: 'la semaine dernière' is not a date"),
        ("lang: klingon", "front matter lang: 'klingon' is not a language geomap reads"),
        ("url: not a link", "front matter url: 'not a link' is not a web address: ignored"),
    ],
)
def test_a_field_that_cannot_be_used_is_ignored_alone(tmp_path: Path, yaml_text: str, message: str) -> None:
    article = read(tmp_path, f"---\noutlet: Le Monde\n{yaml_text}\n---\nTitre\n{BODY}")
    assert [message in w for w in article.warnings] == [True]  # type: ignore[attr-defined]
    assert article.outlet == "Le Monde"  # type: ignore[attr-defined]  # the other fields are kept


def test_an_unclosed_front_matter_is_read_as_text(tmp_path: Path) -> None:
    article = read(tmp_path, f"---\ntitle: Roquettes\nTitre\n{BODY}")
    assert article.warnings == (  # type: ignore[attr-defined]
        "front matter starts with '---' but has no closing '---' line: read as text",
    )
    assert "roquettes" in article.body  # type: ignore[attr-defined]


def test_control_characters_never_reach_a_field(tmp_path: Path) -> None:
    text = '---\ntitle: "Roquettes\\0 sur\\x1b[31m la\\nbase"\nsource: "=cmd\\r\\n"\n---\n' + BODY
    article = read(tmp_path, text)
    assert article.title == "Roquettes sur [31m la base"  # type: ignore[attr-defined]
    assert article.outlet == "=cmd"  # type: ignore[attr-defined]  # the CSV neutralises the "="


def test_the_limits_are_settings() -> None:
    assert Settings().max_front_matter_chars == 65_536 and Settings().max_front_matter_depth == 8


# A family of front matters: keys geomap knows and others, values of every YAML kind (scalars, dates,
# lists, mappings, anchors, aliases, tags, escapes), in block and flow style.
_KEYS = st.sampled_from(["title", "source", "url", "published", "lang", "tags", "author", "1", "? x", "<<"])
_SCALARS = st.one_of(
    st.text(max_size=30).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(
        [
            "2021-04-05",
            "2021-02-30",
            "2021-04-05T10:00:00Z",
            "9" * 40,
            "0x1F",
            "1e999",
            ".nan",
            "null",
            "~",
            "yes",
            '"\\0\\x1b\\u202e"',
            "!!binary aGVsbG8=",
            "!!python/name:os.system",
            "!!str 12",
            "&x v",
            "*x",
            "fr",
            "English",
            "de",
            "|\n  multi\n  line",
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=12,
)
_FRONT = st.lists(st.tuples(_KEYS, _VALUES), max_size=8).map(
    lambda pairs: "\n".join(f"{k}: {v}" for k, v in pairs)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=_FRONT)
def test_any_front_matter_gives_an_article_with_one_line_warnings(front: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            article = read(Path(tmp), f"---\n{front}\n---\nTitre\n{BODY}")
        except ArticleError as error:
            # A NUL byte written raw is a binary file, whatever its place; front matter alone costs nothing.
            assert "binary file (NUL bytes)" in str(error), error
            return
    assert all("\n" not in w for w in article.warnings)  # type: ignore[attr-defined]
    for value in (article.title, article.outlet, article.url, article.published):  # type: ignore[attr-defined]
        assert value is None or not any(unicodedata.category(c) == "Cc" for c in value), value
    assert article.lang in ("fr", "en")  # type: ignore[attr-defined]


_SOURCES = [
    "title: Roquettes\nsource: AFP\npublished: 2021-04-05\nlang: fr",
    "title: 'Quoted: yes'\npublished: 2021-04\nurl: https://example.org/a?b=1#c\nlang: en-GB",
    'title: "Line\\nbreak \\x1b[31m"\ndate: 2021\nsource: ~\nlang: français',
    "published: 2021-99-99",
    "published: 2021-02-29 12:30:00",
    "count: 0x1F\nratio: 1e3\nflag: yes\nother: off\nnothing: null\nempty:",
    "title: [a, b]\nsource: {x: 1}\ntags:\n  - one\n  - two",
    "title: &t A\nsource: *t",
    "a: [[[[[[[[[[1]]]]]]]]]]",
    "title: x\ntitle: y",
    "? complex key\n: value",
    "title: !!binary aGVsbG8=",
    "title: !!python/object:os.system ls",
    "title: !custom x",
    "title: x\n--- \nsource: y",
    "title: x\n...\n",
    "- a\n- b",
    "just text",
    "title: 'unclosed",
    "title: x\n  bad: indent",
    "\t title: tab",
    "# only a comment",
    "",
    "title: é — ünïcode ✓\nsource: «Le Monde»",
    "n: 123456789012345678901234567890\nf: .inf\ng: -.NaN\nt: 12:30:45",
    "{title: flow, source: AFP}",
    "title: >\n  folded\n  text\nsource: |\n  literal\n  text",
    "title: x\nother: %bad",
    "title: @at",
    "key with spaces: v\n1: numeric key\ntrue: bool key\n2021-04-05: date key",
]


def _plain_load(text: str) -> tuple[str, object]:
    """What front matter gave before: checked, then parsed again by ``yaml.safe_load``."""
    import yaml

    from geomap.read import frontmatter

    try:
        for _event, problem in frontmatter._checked(text, 8):
            if problem is not None:
                return "unsafe", problem
        return "data", yaml.safe_load(text)
    except Exception as error:
        return "error", " ".join(str(error).split())


@pytest.mark.parametrize("source", _SOURCES)
def test_front_matter_built_from_its_checked_events_is_what_yaml_builds(source: str) -> None:
    """The values built from the events the safety check read are those ``yaml.safe_load`` builds from the
    text (or the same problem is told): the text is parsed once, not twice."""
    from geomap.read import frontmatter

    try:
        got: tuple[str, object] = ("data", frontmatter._load(source, max_depth=8))
    except frontmatter._Unreadable as error:
        message = str(error)
        if message.startswith("is not valid YAML ("):
            got = ("error", message.removeprefix("is not valid YAML (").removesuffix(")"))
        else:
            got = ("unsafe", message)
    assert got == _plain_load(source)


def test_the_front_matter_examples_are_built_refused_and_unreadable() -> None:
    kinds = [_plain_load(source)[0] for source in _SOURCES]
    assert kinds.count("data") >= 10 and kinds.count("unsafe") >= 2 and kinds.count("error") >= 5
