"""Score extracted incidents against analyst annotations (the gold JSONL format of tests/gold/).

A gold incident is found when an extracted incident reported by the same file lies within its
``tolerance_km``; matching is one-to-one, nearest first. Precision counts extracted incidents that match
no gold incident as false, except those that match an optional one (``required: false``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.geo import haversine_km
from geomap.places.names import name_key
from geomap.records import Incident
from geomap.settings import Settings

GOLD_FIELDS = ("file", "quote", "place_text", "lat", "lon", "tolerance_km", "event_type", "date", "required")


@dataclass
class FileScore:
    file: str
    gold_required: int = 0
    found_required: int = 0
    #: Of those, the ones whose place the gazetteer knows (gold rows with ``gazetteer_known: true``).
    gold_known: int = 0
    found_known: int = 0
    extracted: int = 0
    true_positive: int = 0
    false_positive: int = 0
    type_right: int = 0
    type_total: int = 0
    date_right: int = 0
    date_total: int = 0
    #: Found incidents whose gold row gives the dead (ACLED's fatalities), and those that give the same number.
    fatalities_right: int = 0
    fatalities_total: int = 0
    errors_km: list[float] = field(default_factory=list)
    not_incident_hits: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, other: FileScore) -> None:
        for name in (
            "gold_required",
            "found_required",
            "gold_known",
            "found_known",
            "extracted",
            "true_positive",
            "false_positive",
            "type_right",
            "type_total",
            "date_right",
            "date_total",
            "fatalities_right",
            "fatalities_total",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors_km += other.errors_km
        self.not_incident_hits += other.not_incident_hits
        self.missed += other.missed
        self.spurious += other.spurious

    @property
    def recall(self) -> float:
        return self.found_required / self.gold_required if self.gold_required else 1.0

    @property
    def recall_known(self) -> float:
        """Recall on the incidents whose place the gazetteer knows (all of them when the gold does not say)."""
        if not self.gold_known:
            return self.recall
        return self.found_known / self.gold_known

    @property
    def precision(self) -> float:
        judged = self.true_positive + self.false_positive
        return self.true_positive / judged if judged else 1.0

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.type_total if self.type_total else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.date_total if self.date_total else 1.0

    @property
    def fatalities_accuracy(self) -> float:
        return self.fatalities_right / self.fatalities_total if self.fatalities_total else 1.0

    @property
    def mean_error_km(self) -> float:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else 0.0


@dataclass
class Report:
    files: list[FileScore]
    overall: FileScore

    def as_dict(self) -> dict[str, Any]:
        def row(s: FileScore) -> dict[str, Any]:
            return {
                "file": s.file,
                "recall": round(s.recall, 4),
                "recall_known_places": round(s.recall_known, 4),
                "precision": round(s.precision, 4),
                "type_accuracy": round(s.type_accuracy, 4),
                "date_accuracy": round(s.date_accuracy, 4),
                "fatalities_accuracy": round(s.fatalities_accuracy, 4),
                "mean_error_km": round(s.mean_error_km, 2),
                "gold_required": s.gold_required,
                "found_required": s.found_required,
                "extracted": s.extracted,
                "false_positives": s.false_positive,
                "not_incident_hits": s.not_incident_hits,
                "missed": s.missed,
                "spurious": s.spurious,
            }

        return {"files": [row(f) for f in self.files], "overall": row(self.overall)}

    def table(self) -> str:
        lines = [
            f"{'file':40} {'recall':>6} {'prec':>6} {'type':>6} {'date':>6} {'err km':>7} {'gold':>4} {'found':>5} {'extr':>4}"
        ]
        for s in [*self.files, self.overall]:
            lines.append(
                f"{s.file[:40]:40} {s.recall:6.2f} {s.precision:6.2f} {s.type_accuracy:6.2f} {s.date_accuracy:6.2f}"
                f" {s.mean_error_km:7.1f} {s.gold_required:4d} {s.found_required:5d} {s.extracted:4d}"
            )
        known = self.overall
        if known.gold_known:
            lines.append(
                f"recall where the gazetteer knows the place: {known.recall_known:.2f}"
                f" ({known.found_known} of {known.gold_known})"
            )
        if known.fatalities_total:
            lines.append(
                f"fatalities right where the gold gives them: {known.fatalities_accuracy:.2f}"
                f" ({known.fatalities_right} of {known.fatalities_total})"
            )
        for s in self.files:
            lines += [f"  missed in {s.file}: {m}" for m in s.missed]
            lines += [f"  not in gold, {s.file}: {m}" for m in s.spurious]
            lines += [f"  NOT an incident place, {s.file}: {m}" for m in s.not_incident_hits]
        return "\n".join(lines)


def load_gold(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold incidents and not-incident places from a folder (seeds.jsonl + *-not-incidents.jsonl) or one file."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise GeomapError(f"no gold file (*.jsonl) in {path}: give a folder like tests/gold or a JSONL file")
    incidents, not_incidents = [], []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GeomapError(f"{file}:{n}: not valid JSON ({exc.msg})") from None
            if "lat" in row:
                missing = [k for k in GOLD_FIELDS if k not in row]
                if missing:
                    raise GeomapError(f"{file}:{n}: gold incident lacks {', '.join(missing)}")
                incidents.append(row)
            elif "place_text" in row and "file" in row:
                not_incidents.append(row)
            else:
                raise GeomapError(
                    f"{file}:{n}: neither a gold incident nor a not-incident row: {line[:80]!r}"
                )
    return incidents, not_incidents


def score(
    incidents: Sequence[Incident],
    gold: Iterable[dict[str, Any]],
    not_incidents: Iterable[dict[str, Any]] = (),
) -> Report:
    gold_by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by_file[g["file"]].append(g)
    bad_by_file: dict[str, set[str]] = defaultdict(set)
    for row in not_incidents:
        bad_by_file[row["file"]].add(name_key(row["place_text"]))
    extracted_by_file: dict[str, list[Incident]] = defaultdict(list)
    for inc in incidents:
        for f in sorted({s.file for s in inc.sources}):
            extracted_by_file[f].append(inc)
    scores = [
        _score_file(name, gold_by_file[name], extracted_by_file[name], bad_by_file[name])
        for name in sorted(set(gold_by_file) | set(extracted_by_file) | set(bad_by_file))
    ]
    overall = FileScore(file="OVERALL")
    for one in scores:
        overall.add(one)
    return Report(files=scores, overall=overall)


def _dated_apart(gold: dict[str, Any], incident: Incident) -> bool:
    """Whether a gold incident the text dates and a report disagree on the day."""
    return bool(gold["date"]) and incident.date != gold["date"]


def _score_file(file: str, gold: list[dict[str, Any]], extracted: list[Incident], bad: set[str]) -> FileScore:
    s = FileScore(
        file=file,
        extracted=len(extracted),
        gold_required=sum(1 for g in gold if g["required"]),
        gold_known=sum(1 for g in gold if g["required"] and g.get("gazetteer_known")),
    )
    # Within tolerance, a required gold incident goes first (an optional one, a related title, must not
    # take the report it retells), then a pair that agrees on date, then on type: two events at one place
    # on two dates must each meet their own report, whatever the list order. A gold incident the text does
    # not date neither agrees nor disagrees: the report nearest it is its own, not a dated neighbour's.
    pairs = sorted(
        (not g["required"], _dated_apart(g, inc), inc.event_type != g["event_type"], km, gi, ei)
        for gi, g in enumerate(gold)
        for ei, inc in enumerate(extracted)
        if (km := haversine_km(g["lat"], g["lon"], inc.lat, inc.lon)) <= g["tolerance_km"]
    )
    gold_used: dict[int, int] = {}
    extracted_used: set[int] = set()
    for _optional, _date_off, _type_off, km, gi, ei in pairs:
        if gi in gold_used or ei in extracted_used:
            continue
        gold_used[gi] = ei
        extracted_used.add(ei)
        g, inc = gold[gi], extracted[ei]
        if not g["required"]:
            continue
        s.found_required += 1
        s.found_known += bool(g.get("gazetteer_known"))
        s.true_positive += 1
        s.errors_km.append(km)
        s.type_total += 1
        s.type_right += inc.event_type == g["event_type"]
        if g["date"]:
            s.date_total += 1
            s.date_right += inc.date == g["date"]
        if g.get("fatalities") is not None:
            s.fatalities_total += 1
            s.fatalities_right += inc.fatalities == g["fatalities"]
    for ei, inc in enumerate(extracted):
        if ei in extracted_used:
            continue
        # Unmatched one-to-one, but within tolerance of an optional gold incident: not judged.
        if any(
            not g["required"] and haversine_km(g["lat"], g["lon"], inc.lat, inc.lon) <= g["tolerance_km"]
            for g in gold
        ):
            continue
        s.false_positive += 1
        s.spurious.append(f"{inc.event_type} at {inc.place.canonical} ({inc.place_text})")
    for gi, g in enumerate(gold):
        if g["required"] and gi not in gold_used:
            s.missed.append(f"{g['event_type']} at {g['place_text']}: {g['quote'][:80]}")
    for inc in extracted:
        for src in inc.sources:
            if src.file == file and {name_key(src.place_text), name_key(inc.place_text)} & bad:
                s.not_incident_hits.append(inc.place_text)
    return s


def evaluate_folder(*, articles_dir: Path, gold_path: Path, settings: Settings | None = None) -> Report:
    """Extract the articles the gold names (offline, no cache) and score them."""
    from geomap.extract.pipeline import Extractor
    from geomap.merge import Merger
    from geomap.read.articles import read_article

    gold, not_incidents = load_gold(gold_path)
    names = sorted({g["file"] for g in gold} | {r["file"] for r in not_incidents})
    missing = [n for n in names if not (articles_dir / n).exists()]
    if missing:
        raise GeomapError(
            f"the gold annotates {', '.join(missing)}, not found in {articles_dir}: give --articles"
        )
    extractor = Extractor(settings=settings)
    # Each file is scored on what was extracted from it: merging reports across articles is the map's
    # business (tested on its own) and would lend one file the other's more precise date.
    incidents = Merger.completed(
        i for n in names for i in extractor.extract(read_article(articles_dir / n)).incidents
    )
    return score(incidents, gold, not_incidents)
