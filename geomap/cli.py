"""The command line: a thin layer over the library. Each command makes one library call and turns a
GeomapError into a clean one-line message."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from geomap.errors import GeomapError
from geomap.records import FeatureHint

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
    type=click.Choice(["base", "airport", "admin1", "locality"]),
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
    """Show the ranked candidate places for NAME, with their scores (a debugging aid)."""
    from geomap.resolve import Context, build_resolver

    resolver = build_resolver(offline=offline, provider=provider)
    found = resolver.candidates(
        name,
        context=Context(countries=tuple(c.upper() for c in countries), hint=cast(FeatureHint | None, hint)),
    )[:limit]
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
            }
            for r in found
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"{name}: no match" + (" in the local gazetteer (offline)" if offline else ""))
        sys.exit(1)
    for r in found:
        click.echo(
            f"{r.score:7.3f}  {r.canonical} [{r.precision}] {r.admin1 + ', ' if r.admin1 else ''}{r.country}"
            f"  {r.lat:.4f},{r.lon:.4f}  {r.gazetteer_id} ({r.source})"
        )


def main() -> None:
    cli(prog_name="geomap")
