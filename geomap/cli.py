"""The command line: a thin layer over the library. Each command makes one library call and turns a
GeomapError into a clean one-line message."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from geomap.errors import GeomapError
from geomap.filenames import shown_path
from geomap.outputs import EXPORT_FORMATS
from geomap.records import FeatureHint, Resolution
from geomap.settings import Settings

if TYPE_CHECKING:
    from geomap.project import Project

#: Where articles are read and outputs written unless --articles and --output say otherwise.
ARTICLES_DIR = "seeds"
OUTPUT_DIR = "output"
GOLD_DIR = "tests/gold"

F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(func: F) -> F:
    """Show a GeomapError as 'Error: ...' and exit 1, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GeomapError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def articles_option(help_text: str) -> Callable[[F], F]:
    """--articles, the folder of articles, as every command that reads them spells it."""
    return click.option(
        "--articles",
        "articles_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=ARTICLES_DIR,
        show_default=True,
        help=help_text,
    )


def output_option(help_text: str) -> Callable[[F], F]:
    """--output, the folder a build writes to and later commands read from."""
    return click.option(
        "--output",
        "output_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=OUTPUT_DIR,
        show_default=True,
        help=help_text,
    )


@click.group()
@click.version_option(package_name="geomap")
def cli() -> None:
    """geomap: map the incidents that news articles report, each citing its source."""


@cli.command()
@click.argument("name")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CC",
    help="ISO country code of the article's context (repeatable), e.g. IQ.",
)
@click.option(
    "--hint",
    type=click.Choice(["base", "airport", "admin1", "region", "locality"]),
    help="What the name is said to be (as 'la base X' or 'province de X' would).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, best first.")
@click.option("--offline", is_flag=True, help="Use the local gazetteer only; never ask the remote geocoder.")
@click.option(
    "--geocoder",
    "provider",
    default=None,
    metavar="PROVIDER",
    help="Remote fallback geocoder (geopy name, e.g. nominatim); default $GEOMAP_GEOCODER, else none.",
)
@click.option("--limit", default=10, show_default=True, help="How many candidates to show.")
@clean_errors
def resolve(
    name: str,
    countries: tuple[str, ...],
    hint: str | None,
    as_json: bool,
    offline: bool,
    provider: str | None,
    limit: int,
) -> None:
    """Show the ranked candidate places for NAME, with their scores (a debugging aid).

    With --country, only places of those countries answer; when none does, the best elsewhere are shown,
    marked as such.
    """
    from geomap.places.resolvers import lookup

    found = lookup(
        name,
        settings=Settings.from_env().with_geocoder(provider),
        countries=tuple(c.upper() for c in countries),
        hint=cast(FeatureHint | None, hint),
        offline=offline,
        limit=limit,
    )
    if as_json:
        out = [
            {
                "name": name,
                "canonical": r.canonical,
                "gazetteer_id": r.gazetteer_id,
                "lat": r.lat,
                "lon": r.lon,
                "precision": r.precision,
                "country": r.country,
                "admin1": r.admin1,
                "score": r.score,
                "source": r.source,
                # Only the best elsewhere (no match in the countries asked) are marked.
                **({"elsewhere": True} if elsewhere else {}),
            }
            for r, elsewhere in [*((r, False) for r in found.found), *((r, True) for r in found.elsewhere)]
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for r in found.found:
        click.echo(_candidate_line(r))
    if not found.found:
        where = f" in {', '.join(found.countries)}" if found.countries else ""
        click.echo(f"{name}: no match{where}" + (" in the local gazetteer (offline)" if offline else ""))
        if found.elsewhere:
            click.echo(f"best elsewhere (not in {', '.join(found.countries)}):")
            for r in found.elsewhere:
                click.echo("  " + _candidate_line(r))
        sys.exit(1)


def _candidate_line(r: Resolution) -> str:
    return (
        f"{r.score:7.3f}  {r.canonical} [{r.precision}] {r.admin1 + ', ' if r.admin1 else ''}{r.country}"
        f"  {r.lat:.4f},{r.lon:.4f}  {r.gazetteer_id} ({r.source})"
    )


@cli.group()
def gazetteer() -> None:
    """Install GeoNames' places of the countries you follow (villages, districts, sites), list, remove."""


@gazetteer.command(name="add")
@click.argument("codes", nargs=-1, required=True, metavar="CC...")
@click.option(
    "--source",
    default=None,
    metavar="URL|DIR",
    help="Where the CC.zip dumps are: a mirror's address, or a folder of zips copied from elsewhere "
    "(default: GeoNames' export/dump server).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@clean_errors
def gazetteer_add(codes: tuple[str, ...], source: str | None, quiet: bool) -> None:
    """Install the GeoNames dumps of countries CC... (ISO codes such as LB IQ UA), all or none."""
    from geomap.places.install import add_countries

    progress = not quiet and sys.stderr.isatty()  # a bar on a terminal, nothing in a log
    report = add_countries(codes, settings=Settings.from_env(), source=source, progress=progress)
    click.echo(report.summary("added"))


@gazetteer.command(name="list")
@clean_errors
def gazetteer_list() -> None:
    """Show the installed countries: places, date, source, size."""
    from geomap.places.install import list_countries

    click.echo(list_countries(Settings.from_env()))


@gazetteer.command(name="remove")
@click.argument("codes", nargs=-1, required=True, metavar="CC...")
@clean_errors
def gazetteer_remove(codes: tuple[str, ...]) -> None:
    """Uninstall countries CC... (the shipped gazetteer stays)."""
    from geomap.places.install import remove_countries

    click.echo(remove_countries(codes, settings=Settings.from_env()).summary("removed"))


def main() -> None:
    cli(prog_name="geomap")


def verbose_option(func: F) -> F:
    """-v: the details of warnings and faults (the geocoder's requests, retries and tracebacks)."""
    return click.option(
        "-v", "--verbose", is_flag=True, help="Show details: each geocoder request, retry and fault."
    )(func)


def _log_to_stderr(verbose: bool) -> None:
    """geomap's warnings as one line each on standard error; with ``verbose``, its debug details too."""
    import logging

    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "geomap", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)  # the stream of this call (CliRunner swaps it)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.geomap = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in ("geomap", "geopy"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.NOTSET)


def _progress_bar(enabled: bool) -> Any:
    """A progress callback for long builds: a tqdm bar on a terminal, silent otherwise."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(n: int, total: int, name: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="article", file=sys.stderr, leave=False)
        bar["bar"].set_postfix_str(name[:30])
        bar["bar"].update(1)
        if n == total:
            bar["bar"].close()

    return update


@cli.command()
@articles_option("Folder of articles (.txt, .md, .html).")
@output_option("Folder for map.html, incidents.geojson, incidents.csv, mentions.geojson.")
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Per-article cache file (default: OUTPUT/.geomap-cache.sqlite).",
)
@click.option(
    "--offline", is_flag=True, help="Guarantee no network access: the remote geocoder is never asked."
)
@click.option(
    "--geocoder",
    "provider",
    default=None,
    metavar="PROVIDER",
    help="Remote fallback geocoder for names the gazetteer lacks (e.g. nominatim); default $GEOMAP_GEOCODER, else none.",
)
@click.option("--strict", is_flag=True, help="Exit non-zero when any article was skipped.")
@click.option(
    "--jobs",
    "-j",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Processes reading articles in parallel; 0 (the default) means one per CPU core.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@verbose_option
@clean_errors
def build(
    jobs: int,
    articles_dir: Path,
    output_dir: Path,
    cache_path: Path | None,
    offline: bool,
    provider: str | None,
    strict: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build (or update) the incident map and exports from the articles folder.

    Only new or changed articles are read again; removed articles' incidents disappear.
    """
    _log_to_stderr(verbose)
    project = _project(articles_dir, output_dir, cache_path=cache_path, offline=offline, provider=provider)
    report = project.build(progress=_progress_bar(not quiet), jobs=jobs)
    click.echo(report.summary())
    if strict and report.skipped:
        raise click.ClickException(f"{len(report.skipped)} article(s) skipped (--strict)")


@cli.command(name="eval")
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(path_type=Path, exists=True),
    default=GOLD_DIR,
    show_default=True,
    help="Gold folder or JSONL file (format of tests/gold/seeds.jsonl).",
)
@articles_option("Folder of the articles the gold annotates.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@clean_errors
def eval_command(gold_path: Path, articles_dir: Path, as_json: bool) -> None:
    """Score extraction against gold annotations: recall, precision, type and date accuracy, km error."""
    from geomap.evaluate import evaluate_folder

    report = evaluate_folder(articles_dir=articles_dir, gold_path=gold_path, settings=Settings.from_env())
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.table())


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="geojson",
    show_default=True,
    help="GeoJSON (RFC 7946, [lon, lat]); CSV (one row per incident); acled (ACLED's columns and"
    " vocabulary, CSV); geoparquet (GeoParquet 1.1, needs -o).",
)
@click.option(
    "-o",
    "--output",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File to write (default: standard output; GeoParquet needs a file).",
)
@click.option(
    "--from",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=OUTPUT_DIR,
    show_default=True,
    help="Output folder of a previous `geomap build`, whose cache is exported.",
)
@clean_errors
def export(fmt: str, out_path: Path | None, output_dir: Path) -> None:
    """Export the incidents of the last build as GeoJSON, CSV, an ACLED-style CSV or GeoParquet."""
    done = _project(Path(ARTICLES_DIR), output_dir).export(fmt=fmt, path=out_path)
    if out_path is None:
        click.echo(done.text or "", nl=False)
    else:
        click.echo(f"wrote {out_path} ({done.rows} incidents)", err=True)
    for note in done.notes:
        click.echo(note, err=True)


@cli.command()
@output_option("Output folder of a previous `geomap build`.")
@clean_errors
def doctor(output_dir: Path) -> None:
    """List unresolved and ambiguous place names of the last build, with candidates to curate."""
    click.echo(_project(Path(ARTICLES_DIR), output_dir).doctor())


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@articles_option("Articles folder to copy into.")
@output_option("Output folder to rebuild.")
@click.option("--offline", is_flag=True, help="Guarantee no network access during the rebuild.")
@verbose_option
@clean_errors
def add(paths: tuple[Path, ...], articles_dir: Path, output_dir: Path, offline: bool, verbose: bool) -> None:
    """Copy articles (files or folders) into the articles folder, refusing duplicates by content, and rebuild.

    All or nothing: if a file cannot be read, nothing is copied and nothing rebuilt.
    """
    _log_to_stderr(verbose)
    project = _project(articles_dir, output_dir, offline=offline)
    copied, refused = project.add(list(paths))
    for line in refused:
        click.echo(f"not added: {line}", err=True)
    click.echo(f"added {len(copied)} article(s) to {shown_path(articles_dir)}")
    click.echo(project.build().summary())


def _project(
    articles_dir: Path,
    output_dir: Path,
    *,
    cache_path: Path | None = None,
    offline: bool = False,
    provider: str | None = None,
) -> Project:
    """The project the options name, with the settings of the environment."""
    from geomap.project import Project

    return Project(
        articles_dir=articles_dir,
        output_dir=output_dir,
        settings=Settings.from_env().with_geocoder(provider),
        cache_path=cache_path,
        offline=offline,
    )
