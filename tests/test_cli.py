"""The command line, through click's CliRunner: one library call per command, clean errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def built(tmp_path: Path, runner: CliRunner) -> Path:
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", articles)
    result = runner.invoke(
        cli, ["build", "--articles", str(articles), "--output", str(tmp_path / "out"), "--offline", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output and "incidents: 8" in result.output
    return tmp_path


@pytest.mark.parametrize("command", ["build", "eval", "export", "doctor", "add", "resolve"])
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output and len(result.output.splitlines()) > 5


def test_resolve_json_lists_ranked_candidates(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "Babylone", "--country", "IQ", "--json", "--offline"])
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert (
        found[0]["canonical"] == "Bābil" and found[0]["precision"] == "admin1" and found[0]["country"] == "IQ"
    )
    assert set(found[0]) == {
        "name",
        "canonical",
        "gazetteer_id",
        "lat",
        "lon",
        "precision",
        "country",
        "admin1",
        "score",
        "source",
    }
    assert [c["score"] for c in found] == sorted((c["score"] for c in found), reverse=True)


def test_resolve_unknown_name_says_so(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["resolve", "Xqzvillebourg", "--offline"])
    assert result.exit_code == 1 and "no match" in result.output


def test_build_writes_every_output(built: Path) -> None:
    out = built / "out"
    for name in ("map.html", "incidents.geojson", "incidents.csv", "mentions.geojson", "build-report.json"):
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert report["incidents"] == 8 and len(report["added"]) == 5


def test_export_matches_the_build(built: Path, runner: CliRunner) -> None:
    out = built / "out"
    geo = runner.invoke(cli, ["export", "--format", "geojson", "--from", str(out)])
    assert geo.exit_code == 0
    assert geo.output == (out / "incidents.geojson").read_text(encoding="utf-8")
    csv_path = built / "x.csv"
    csv = runner.invoke(cli, ["export", "--format", "csv", "--from", str(out), "-o", str(csv_path)])
    assert csv.exit_code == 0 and csv_path.read_bytes() == (out / "incidents.csv").read_bytes()


def test_export_acled_and_geoparquet(built: Path, runner: CliRunner) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    from geomap.outputs.acled import ACLED_COLUMNS

    out = built / "out"
    acled_path = built / "acled.csv"
    acled = runner.invoke(cli, ["export", "--format", "acled", "--from", str(out), "-o", str(acled_path)])
    assert acled.exit_code == 0 and f"wrote {acled_path}" in acled.output
    frame = pd.read_csv(acled_path)
    assert list(frame.columns) == list(ACLED_COLUMNS) and len(frame) > 0
    assert set(frame["event_type"]) <= {
        "Explosions/Remote violence",
        "Battles",
        "Violence against civilians",
        "Strategic developments",
    }
    assert set(frame["iso"]) <= {368, 760} and set(frame["time_precision"]) <= {1, 2, 3}
    parquet_path = built / "incidents.parquet"
    parquet = runner.invoke(cli, ["export", "--format", "geoparquet", "--from", str(out), "-o", str(parquet_path)])
    assert parquet.exit_code == 0
    geojson = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    assert pq.read_table(parquet_path).num_rows == len(geojson["features"]) == 8
    no_file = runner.invoke(cli, ["export", "--format", "geoparquet", "--from", str(out)])
    assert no_file.exit_code == 1 and "binary format" in no_file.output and "Traceback" not in no_file.output


def test_export_without_a_build_is_a_clean_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", "--from", str(tmp_path)])
    assert result.exit_code == 1 and "run `geomap build` first" in result.output
    assert "Traceback" not in result.output


def test_build_with_missing_folder_is_a_clean_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["build", "--articles", str(tmp_path / "nope"), "--output", str(tmp_path / "o"), "--offline"]
    )
    assert result.exit_code == 1 and "does not exist" in result.output and "Traceback" not in result.output


def test_build_strict_fails_on_skipped_articles(built: Path, runner: CliRunner) -> None:
    (built / "articles" / "empty.txt").write_text("", encoding="utf-8")
    args = [
        "build",
        "--articles",
        str(built / "articles"),
        "--output",
        str(built / "out"),
        "--offline",
        "--quiet",
    ]
    lenient = runner.invoke(cli, args)
    assert lenient.exit_code == 0 and "empty.txt" in lenient.output and "skipped 1 file(s)" in lenient.output
    strict = runner.invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1 and "skipped" in strict.output


def test_add_copies_refuses_duplicates_and_rebuilds(built: Path, runner: CliRunner) -> None:
    new = built / "new.txt"
    new.write_text(
        "Attaque\n\nDes roquettes ont visé la base de Taji, au nord de Bagdad, a-t-on appris.\n",
        encoding="utf-8",
    )
    args = ["--articles", str(built / "articles"), "--output", str(built / "out"), "--offline"]
    result = runner.invoke(cli, ["add", str(new), str(ROOT / "seeds" / "000_3c7e49f388852f61.txt"), *args])
    assert result.exit_code == 0, result.output
    assert (
        "added 1 article(s)" in result.output and "same content as 000_3c7e49f388852f61.txt" in result.output
    )
    assert (built / "articles" / "new.txt").exists() and "1 read by the extractor" in result.output


def test_eval_scores_the_seeds(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["eval", "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    assert overall["recall"] == 1.0 and overall["precision"] >= 0.9


def test_doctor_lists_unresolved_names(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["doctor", "--output", str(built / "out")])
    assert result.exit_code == 0
    assert "curated.csv" in result.output or "No unresolved" in result.output
