"""Issue 14: nothing a file can contain stops the build, exhausts memory, or reaches a spreadsheet.

Each case of the issue is a test here (or in the module named beside it); the first test is its "done
when": a build beside every hostile input exits 0, maps every good article, prints one line per bad file,
and peaks within 150 MB of a build without them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.cli import cli
from geomap.errors import ArticleError
from geomap.filenames import shown_name, shown_path
from geomap.places.gazetteer import Gazetteer
from geomap.project import Project
from geomap.read.articles import article_hash
from tests.hostile import (
    CP1252_TEXT,
    GOOD,
    GOOD_PLACES,
    give_away,
    hostile_files,
    laughs,
    mapped_files,
    places_of,
    run_geomap,
    run_unprivileged,
    write_good,
)

ROOT = Path(__file__).resolve().parent.parent
#: How much more memory a build beside the hostile inputs may take than one without them (the issue's bound).
MAX_EXTRA_MB = 150
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never reach the terminal raw


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def build_args(articles: Path, out: Path) -> list[str]:
    return ["build", "--articles", str(articles), "--output", str(out), "--offline", "--quiet"]


# -- done when --------------------------------------------------------------------------------------------


def test_a_build_beside_every_hostile_input_maps_the_good_articles_within_150_mb(tmp_path: Path) -> None:
    clean, hostile = tmp_path / "clean", tmp_path / "hostile"
    write_good(clean)
    write_good(hostile)
    bad = hostile_files(hostile)

    without = run_geomap(*build_args(clean, tmp_path / "out-clean"))
    beside = run_geomap(*build_args(hostile, tmp_path / "out"))
    print(f"peak memory: {without.peak_rss_mb:.0f} MB without, {beside.peak_rss_mb:.0f} MB beside them")

    assert without.returncode == 0, without.stderr
    assert beside.returncode == 0, beside.stderr
    assert "Traceback" not in beside.stderr and beside.stderr == ""
    # Every good article is mapped where it should be, the odd but good ones too (names escaped).
    places = places_of(tmp_path / "out")
    assert {name: places[name] for name in GOOD} == {name: {p} for name, p in GOOD_PLACES.items()}
    assert set(bad.mapped) <= set(places)
    assert places["nom\\xff.txt"] == {"Tikrīt"} and places["cp1252.txt"] == {"Baghdad International Airport"}
    # One line per bad file, naming it, on one terminal line: no raw control character anywhere.
    lines = beside.stdout.splitlines()
    warned = (*bad.warned, "cp1252.txt", "injection.txt")  # decoded as cp1252; its url is no address
    for heading, names in (("skipped", bad.skipped), ("read with warnings:", warned)):
        start = lines.index(f"{heading} {len(names)} file(s):") + 1
        end = next(n for n in range(start, len(lines)) if not lines[n].startswith("  "))
        listed = lines[start:end]
        for name in names:
            assert sum(name in line for line in listed) == 1, (heading, name)
    assert not _CONTROL.search(beside.stdout)
    assert "cp1252.txt: decoded as cp1252" in beside.stdout
    # ...and the memory bound: the 2 GB file, the YAML bomb and the rest cost (almost) nothing.
    assert beside.peak_rss_mb - without.peak_rss_mb < MAX_EXTRA_MB


# -- 1. YAML bombs ----------------------------------------------------------------------------------------


def test_a_yaml_bomb_costs_its_metadata_only(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    (tmp_path / "a" / "bomb.txt").write_text(laughs(9, 9), encoding="utf-8")
    result = runner.invoke(cli, build_args(tmp_path / "a", tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.output and "read with warnings: 1 file(s):" in result.output
    assert "bomb.txt: front matter uses a YAML alias (*a0)" in result.output
    assert mapped_files(tmp_path / "out") == {*GOOD, "bomb.txt"}  # read from its text


# -- 2. file names that are not UTF-8 -----------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_mapped_under_its_escaped_name(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "a"
    write_good(articles)
    (articles / os.fsdecode(b"nom\xff.txt")).write_text(GOOD["good_mosul.txt"].replace("Mosul", "Tikrit"))
    for _ in range(2):  # the second build reads the cache, keyed by the escaped name
        result = runner.invoke(cli, build_args(articles, tmp_path / "out"))
        assert result.exit_code == 0, result.output
    assert "4 unchanged" in result.output
    assert places_of(tmp_path / "out")["nom\\xff.txt"] == {"Tikrīt"}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "incidents.csv").read_text(encoding="utf-8"))))
    assert "nom\\xff.txt" in {file for row in rows for file in row["source_files"].split(" | ")}


def test_an_output_folder_whose_name_is_not_utf8_works(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    out = tmp_path / os.fsdecode(b"sortie\xff")
    result = runner.invoke(cli, build_args(tmp_path / "a", out))
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path}/sortie\\xff/map.html" in result.output
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert f"{tmp_path}/sortie\\xff/incidents.csv" in report["outputs"]


def test_adding_a_file_whose_name_is_not_utf8_copies_it_under_a_plain_name(
    tmp_path: Path, runner: CliRunner
) -> None:
    articles = tmp_path / "a"
    write_good(articles)
    source = tmp_path / os.fsdecode(b"rapport\xe9\n.txt")
    source.write_text(GOOD["good_mosul.txt"].replace("Mosul", "Tikrit"), encoding="utf-8")
    args = ["--articles", str(articles), "--output", str(tmp_path / "out"), "--offline"]
    added = runner.invoke(cli, ["add", str(source), *args])
    assert added.exit_code == 0, added.output
    assert (articles / "rapport__.txt").read_bytes() == source.read_bytes()
    assert "added 1 article(s)" in added.output and "4 added" in added.output
    again = runner.invoke(cli, build_args(articles, tmp_path / "out"))  # later builds keep working
    assert again.exit_code == 0 and "4 unchanged" in again.output


# -- 3. a 2 GB file -------------------------------------------------------------------------------------------


def test_a_2_gb_file_is_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match=r"huge.txt: 2147.5 MB is over the 5 MB limit"):
            article_hash(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


# -- 5. CSV injection, end to end --------------------------------------------------------------------------------


def test_front_matter_formulas_and_nul_never_reach_the_csv(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "x.txt").write_text(
        '---\ntitle: "=HYPERLINK(\\"http://evil.example/\\", \\"x\\")\\0"\n'
        "source: \"+cmd|' /C calc'!A0\"\n---\n" + GOOD["good_mosul.txt"],
        encoding="utf-8",
    )
    assert runner.invoke(cli, build_args(articles, tmp_path / "out")).exit_code == 0
    data = (tmp_path / "out" / "incidents.csv").read_bytes()
    assert b"\x00" not in data
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8")))
    title = '=HYPERLINK("http://evil.example/", "x")'
    assert row["source_titles"] == f"'{title}"
    assert row["source_outlets"] == "'+cmd|' /C calc'!A0"
    exported = runner.invoke(cli, ["export", "--format", "csv", "--from", str(tmp_path / "out")])
    assert exported.exit_code == 0 and exported.output.encode() == data


# -- 6. and 13. options that cannot work: one line, no traceback ---------------------------------------------------


def test_an_output_folder_under_a_file_is_one_line(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    (tmp_path / "file").write_text("x")
    result = runner.invoke(cli, build_args(tmp_path / "a", tmp_path / "file" / "out"))
    assert result.exit_code == 1 and result.exception is not None and "Traceback" not in result.output
    assert result.output.startswith("Error: cannot use ") and "Not a directory" in result.output
    assert "choose another --output folder" in result.output and len(result.output.splitlines()) == 1


def test_export_under_a_file_is_one_line(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    assert runner.invoke(cli, build_args(tmp_path / "a", tmp_path / "out")).exit_code == 0
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "x.csv"
    export = ["export", "--format", "csv", "--from", str(tmp_path / "out"), "-o", str(target)]
    result = runner.invoke(cli, export)
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert f"Error: cannot write {target}" in result.output and "choose another file" in result.output


def test_output_equal_to_articles_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    result = runner.invoke(cli, build_args(tmp_path / "a", tmp_path / "a" / "."))
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert "is the articles folder" in result.output and "choose another --output folder" in result.output
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(GOOD)  # nothing written there
    same = ["--articles", str(tmp_path / "a"), "--output", str(tmp_path / "a")]
    added = runner.invoke(cli, ["add", str(ROOT / "seeds"), *same])
    assert added.exit_code == 1 and sorted(p.name for p in (tmp_path / "a").iterdir()) == sorted(GOOD)


def test_add_is_all_or_nothing(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "a"
    write_good(articles)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "1_good.txt").write_text(GOOD["good_mosul.txt"].replace("Mosul", "Tikrit"))
    os.mkfifo(incoming / "2_pipe.txt")  # named like an article, but nothing to read
    (incoming / "3_good.txt").write_text(GOOD["good_mosul.txt"].replace("Mosul", "Samarra"))
    args = ["--articles", str(articles), "--output", str(tmp_path / "out"), "--offline"]
    files = [str(incoming / n) for n in ("1_good.txt", "2_pipe.txt", "3_good.txt")]
    result = runner.invoke(cli, ["add", *files, *args])
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1
    assert "nothing added: " in result.output and "2_pipe.txt: not a regular file" in result.output
    assert sorted(p.name for p in articles.iterdir()) == sorted(GOOD)  # not even the file before it
    assert not (tmp_path / "out").exists()  # and no rebuild


# -- 8. a build killed while writing its outputs ---------------------------------------------------------------

_KILLED_WHILE = """
import os, signal, sys
from pathlib import Path
real_fsync, real_replace = os.fsync, os.replace
def fsync(fd):
    real_fsync(fd)
    if sys.argv[3] == "map" and ".map.html." in os.readlink(f"/proc/self/fd/{fd}"):
        os.kill(os.getpid(), signal.SIGKILL)  # map.html's bytes are written, not yet renamed
published = []
def replace(src, dst):
    real_replace(src, dst)
    if ".geomap-staging" in str(src) and ".geomap-staging" not in str(dst):
        published.append(dst)
    if sys.argv[3] == "publish" and len(published) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # two outputs published, not the others
os.fsync, os.replace = fsync, replace
from geomap.project import Project
Project(articles_dir=Path(sys.argv[1]), output_dir=Path(sys.argv[2]), offline=True).build()
"""
OUTPUTS = ("map.html", "incidents.geojson", "incidents.csv", "mentions.geojson", "build-report.json")


def _generation(out: Path) -> dict[str, int]:
    """How many incidents each output of the folder holds: they must agree."""
    ids = [f["id"] for f in json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]]
    page = (out / "map.html").read_text(encoding="utf-8")
    return {
        "geojson": len(ids),
        "csv": len(list(csv.DictReader(io.StringIO((out / "incidents.csv").read_text(encoding="utf-8"))))),
        "report": json.loads((out / "build-report.json").read_text(encoding="utf-8"))["incidents"],
        # The page's data is compressed; its configuration says how many incidents it holds.
        "map": int(re.findall(r'"total":(\d+)', page)[0]),
    }


@pytest.mark.parametrize("moment", ["map", "publish"])
def test_a_build_killed_while_writing_outputs_leaves_them_agreeing_and_the_next_repairs(
    tmp_path: Path, runner: CliRunner, moment: str
) -> None:
    import subprocess
    import sys

    articles, out = tmp_path / "a", tmp_path / "out"
    write_good(articles)
    (articles / "good_erbil.txt").unlink()
    assert runner.invoke(cli, build_args(articles, out)).exit_code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    assert _generation(out) == dict.fromkeys(("geojson", "csv", "report", "map"), 2)
    write_good(articles)  # one more article: three incidents
    killed = subprocess.run([sys.executable, "-c", _KILLED_WHILE, str(articles), str(out), moment], check=False)
    assert killed.returncode == -9
    if moment == "map":  # killed before publishing: every output is still the last complete build's
        assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    else:  # killed while publishing: the journal names what is left to move in, for the next build
        journal = json.loads((out / ".geomap-publish.json").read_text(encoding="utf-8"))
        assert {*OUTPUTS, ".geomap-manifest.json"} == set(journal["files"])
        assert len({p.name for p in (out / ".geomap-staging").iterdir()}) == len(journal["files"]) - 2
    result = runner.invoke(cli, build_args(articles, out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("outputs repaired: ")
    if moment == "map":  # nothing had been published: the outputs were the last complete build's
        assert "deleted the unfinished outputs of an interrupted build" in result.output
        assert "1 added" in result.output and "(was 2)" in result.output
    else:  # all had been written: the next build finished publishing them first
        assert "finished publishing them" in result.output
    assert _generation(out) == dict.fromkeys(("geojson", "csv", "report", "map"), 3)
    left = {p.name for p in out.iterdir()} - {*OUTPUTS, ".geomap-manifest.json", ".geomap.lock"}
    assert {n for n in left if not n.startswith(".geomap-cache.sqlite")} == set()  # no staging, no .tmp


def test_temporary_files_of_an_older_geomap_are_deleted_with_a_word(tmp_path: Path, runner: CliRunner) -> None:
    write_good(tmp_path / "a")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".map.html.k2j4h_9x.tmp").write_bytes(b"<html>" * 1000)  # what a kill -9 left before
    result = runner.invoke(cli, build_args(tmp_path / "a", out))
    assert result.exit_code == 0
    assert "outputs repaired: deleted 1 temporary file(s) left by an interrupted build" in result.output
    assert not (out / ".map.html.k2j4h_9x.tmp").exists()


# -- 10. cp1252 -------------------------------------------------------------------------------------------------


def test_a_cp1252_file_is_read_with_a_warning_printed_and_reported(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "a"
    write_good(articles)
    (articles / "vieux.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    result = runner.invoke(cli, build_args(articles, tmp_path / "out"))
    assert result.exit_code == 0
    assert "read with warnings: 1 file(s):\n  vieux.txt: decoded as cp1252: not valid UTF-8\n" in result.output
    report = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == {"vieux.txt": ["decoded as cp1252: not valid UTF-8"]}
    assert places_of(tmp_path / "out")["vieux.txt"] == {"Baghdad International Airport"}


# -- 11. names that would break a line or drive the terminal --------------------------------------------------------

_NAMES = (
    st.binary(min_size=1, max_size=24)
    .map(lambda b: b.replace(b"/", b"").replace(b"\x00", b"").lstrip(b"."))
    .filter(bool)
    .map(lambda b: os.fsdecode(b + b".txt"))
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, bad=st.booleans())
def test_any_file_name_gives_one_clean_line(
    tmp_path: Path, gazetteer: Gazetteer, name: str, bad: bool
) -> None:
    articles = tmp_path / "names"
    shutil.rmtree(articles, ignore_errors=True)
    articles.mkdir()
    (articles / name).write_bytes(b"" if bad else GOOD["good_mosul.txt"].encode())
    project = Project(
        articles_dir=articles, output_dir=tmp_path / "out", offline=True, gazetteer=gazetteer
    )
    report = project.build(write_map=False)
    summary = report.summary()
    assert not _CONTROL.search(summary)
    summary.encode("utf-8")  # no raw byte (a lone surrogate) either
    if bad:
        (line,) = (line for line in summary.splitlines() if "file is empty" in line)
        assert line.strip().startswith(shown_path(articles / name) + ":")
        assert list(report.skipped) == [shown_name(name)]
    else:
        assert mapped_files(tmp_path / "out") == {shown_name(name)}


# -- 12. links out of the articles folder ---------------------------------------------------------------------------


def test_a_link_out_of_the_articles_folder_is_not_followed(tmp_path: Path, runner: CliRunner) -> None:
    articles = tmp_path / "a"
    write_good(articles)
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD["good_mosul.txt"].replace("Mosul", "Tikrit"))
    (articles / "secret.txt").symlink_to(outside)
    (articles / "sub").mkdir()
    (articles / "sub" / "inner.txt").write_text(GOOD["good_mosul.txt"].replace("Mosul", "Samarra"))
    (articles / "inner.txt").symlink_to(Path("sub") / "inner.txt")  # stays inside: followed
    result = runner.invoke(cli, build_args(articles, tmp_path / "out"))
    assert result.exit_code == 0 and "skipped 2 file(s):" in result.output
    assert "passwd.txt: a link to /etc/passwd, outside the articles folder" in result.output
    assert f"secret.txt: a link to {outside}, outside the articles folder" in result.output
    places = places_of(tmp_path / "out")
    assert places["inner.txt"] == {"Sāmarrā’"} and "secret.txt" not in places and "passwd.txt" not in places
    assert "root:" not in (tmp_path / "out" / "build-report.json").read_text(encoding="utf-8")


# -- 15. the README --------------------------------------------------------------------------------------------


def test_the_readme_documents_every_environment_variable_and_the_user_agent_contact() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = (ROOT / "geomap" / "settings.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'"(GEOMAP_[A-Z_]+)"', source))
    assert {"GEOMAP_GEOCODER_DOMAIN", "GEOMAP_GEOCODER_SCHEME", "GEOMAP_USER_AGENT"} <= variables
    assert [v for v in sorted(variables) if f"`{v}" not in readme] == []
    assert "you@example.org" in readme  # how to give the geocoder a contact


# -- 6. and 7. folders geomap may not write: one line that says so ----------------------------------------------


@pytest.fixture()
def reachable(gazetteer: Gazetteer) -> Iterator[Path]:
    """A folder the unprivileged user can use (pytest's tmp_path is private to root); the gazetteer index
    is built first, by this user, since the other one may not write it."""
    path = Path(tempfile.mkdtemp(prefix="geomap-perm-"))
    path.chmod(0o755)
    give_away(path)
    yield path
    for folder, _dirs, _files in os.walk(path):
        os.chmod(folder, 0o755)
    shutil.rmtree(path)


def _as_user(folder: Path) -> Path:
    folder.mkdir()
    give_away(folder)
    return folder


def test_an_output_folder_in_a_read_only_folder_is_one_line(reachable: Path) -> None:
    articles = _as_user(reachable / "a")
    write_good(articles)
    locked = _as_user(reachable / "locked")
    locked.chmod(0o555)
    done = run_unprivileged(*build_args(articles, locked / "out"), cwd=reachable)
    assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert f"cannot use {locked / 'out'} as the output folder (Permission denied)" in done.stderr
    assert "choose another --output folder" in done.stderr


def test_a_read_only_folder_holding_a_build_is_said_to_be_not_writable(reachable: Path) -> None:
    articles, out = _as_user(reachable / "a"), _as_user(reachable / "out")
    write_good(articles)
    give_away(*articles.iterdir())
    first = run_unprivileged(*build_args(articles, out), cwd=reachable)
    assert first.returncode == 0, first.stderr
    out.chmod(0o555)
    again = run_unprivileged(*build_args(articles, out), cwd=reachable)
    assert again.returncode == 1 and "Traceback" not in again.stderr and len(again.stderr.splitlines()) == 1
    assert f"the folder {out} is not writable" in again.stderr and "make it writable" in again.stderr
    assert "delete" not in again.stderr  # the cache is fine: deleting it would be wrong advice


def test_add_with_an_unreadable_file_adds_nothing_and_does_not_rebuild(reachable: Path) -> None:
    articles, incoming = _as_user(reachable / "a"), _as_user(reachable / "incoming")
    write_good(articles)
    give_away(*articles.iterdir())
    for name, place in (("1.txt", "Tikrit"), ("2.txt", "Samarra"), ("3.txt", "Ramadi")):
        (incoming / name).write_text(GOOD["good_mosul.txt"].replace("Mosul", place))
        give_away(incoming / name)
    (incoming / "2.txt").chmod(0o000)
    out = reachable / "out"
    options = ["--articles", str(articles), "--output", str(out), "--offline"]
    done = run_unprivileged("add", str(incoming), *options, cwd=reachable)  # the files of a folder
    assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert f"nothing added: {incoming / '2.txt'}: cannot read the file (Permission denied)" in done.stderr
    assert sorted(p.name for p in articles.iterdir()) == sorted(GOOD) and not out.exists()
