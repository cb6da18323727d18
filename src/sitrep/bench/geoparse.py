"""Geoparsing benchmark: GeoWebNews, LGL and TR-News, end to end.

    python -m sitrep.bench.geoparse [--data ../shared/data] [--limit N]
        [--corpus gwn,lgl,tr-news] [--split all|dev|test]

Each article goes through ingest (plain text), the spaCy parse and the places stage with
no actors. A predicted place matches a gold toponym when their character spans overlap
(one to one, in text order). Figures:

- detection precision / recall / F1 of place spans (demonyms included: all three gold
  sets annotate them);
- acc@161: share of all gold toponyms that have gold coordinates with a predicted point
  within 161 km (missed toponyms count as wrong), the end-to-end figure Mordecai3
  reports;
- exact: share of gold toponyms with a GeoNames id whose prediction has the same id;
- mean and median error in km over matched toponyms that got a point;
- documents per second for the places stage alone and for parse + places.

The corpora are read at run time and never copied; absent corpora are reported and
skipped (exit status 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..geo import distance_km
from ..ingest.readers import Defaults, make_article
from ..models import Document, Place
from ..parse import ParseStage, load_model
from ..places.gazetteer import ensure_gazetteer
from ..places.stage import PlacesStage
from ..settings import Settings

CORPORA = ("gwn", "lgl", "tr-news")
KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(slots=True)
class Tally:
    gold: int = 0
    located: int = 0
    predicted: int = 0
    matched: int = 0
    within: int = 0
    with_id: int = 0
    same_id: int = 0
    errors: list[float] = field(default_factory=list)
    docs: int = 0
    places_seconds: float = 0.0
    total_seconds: float = 0.0

    def add(self, other: Tally) -> None:
        for name in (
            "gold",
            "located",
            "predicted",
            "matched",
            "within",
            "with_id",
            "same_id",
            "docs",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.places_seconds += other.places_seconds
        self.total_seconds += other.total_seconds

    def figures(self) -> dict[str, float | int | None]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {
            "docs": self.docs,
            "gold": self.gold,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "acc161": round(self.within / self.located, 3) if self.located else None,
            "exact": round(self.same_id / self.with_id, 3) if self.with_id else None,
            "mean_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "median_km": round(statistics.median(self.errors), 1) if self.errors else None,
            "docs_per_s_places": round(self.docs / self.places_seconds, 1)
            if self.places_seconds
            else None,
            "docs_per_s_total": round(self.docs / self.total_seconds, 1)
            if self.total_seconds
            else None,
        }


def read_gwn(folder: Path) -> Iterator[GoldDoc]:
    """GeoWebNews: one JSON article per line, gold on the same line of gwn_full.txt."""
    inputs = (folder / "gwn_input.jsonl").read_text("utf-8").splitlines()
    golds = (folder / "gwn_full.txt").read_text("utf-8").splitlines()
    for line, gold in zip(inputs, golds, strict=True):
        text = json.loads(line)["text"]
        toponyms = []
        for item in gold.split("||"):
            fields = item.split(",,")
            if len(fields) < 6 or int(fields[4]) < 0:
                continue
            toponyms.append(
                GoldToponym(
                    int(fields[4]), int(fields[5]), fields[1], float(fields[2]), float(fields[3])
                )
            )
        yield GoldDoc(text, tuple(sorted(toponyms, key=lambda t: t.start)))


def read_xml(path: Path) -> Iterator[GoldDoc]:
    """LGL and TR-News: <article><text/><toponyms><toponym>...</toponym></toponyms>."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            lat = lon = None
            gid = None
            if tag is not None and tag.findtext("lat"):
                lat, lon = float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0)
                gid = int(tag.get("geonameid") or 0) or None
            toponyms.append(
                GoldToponym(
                    int(t.findtext("start") or 0),
                    int(t.findtext("end") or 0),
                    t.findtext("phrase") or "",
                    lat,
                    lon,
                    gid,
                )
            )
        yield GoldDoc(text, tuple(sorted(toponyms, key=lambda t: t.start)))


def corpus_docs(data: Path, name: str) -> Iterator[GoldDoc] | None:
    if name == "gwn":
        folder = data / "geowebnews"
        return read_gwn(folder) if (folder / "gwn_full.txt").is_file() else None
    path = data / ("lgl/lgl.xml" if name == "lgl" else "tr-news/TR-News.xml")
    return read_xml(path) if path.is_file() else None


def score_doc(gold: GoldDoc, places: tuple[Place, ...], outcomes: list[str] | None = None) -> Tally:
    """The tally of one document; ``outcomes`` collects one line per gold toponym."""
    tally = Tally(gold=len(gold.toponyms), predicted=len(places), docs=1)
    used: set[int] = set()
    for g in gold.toponyms:
        match = next(
            (
                i
                for i, p in enumerate(places)
                if i not in used and p.start < g.end and g.start < p.end
            ),
            None,
        )
        if g.geonames_id is not None:
            tally.with_id += 1
        if g.lat is not None:
            tally.located += 1
        said = gold.text[g.start : g.end]
        if match is None:
            if outcomes is not None:
                outcomes.append(f"{said}\tmissed")
            continue
        used.add(match)
        tally.matched += 1
        p = places[match]
        if g.geonames_id is not None and p.geonames_id == g.geonames_id:
            tally.same_id += 1
        if p.lat is None or p.lon is None or g.lat is None or g.lon is None:
            if outcomes is not None:
                outcomes.append(f"{said}\t{p.name} ({p.country}): no point")
            continue
        km = distance_km(p.lat, p.lon, g.lat, g.lon)
        tally.errors.append(km)
        tally.within += km <= KM
        if outcomes is not None:
            outcomes.append(f"{said}\t{p.name} ({p.country}) {km:.0f} km")
    if outcomes is not None:
        outcomes += [
            f"{p.text}\tspurious {p.name} ({p.country})"
            for i, p in enumerate(places)
            if i not in used
        ]
    return tally


def run_corpus(
    docs: list[GoldDoc], parse: ParseStage, stage: PlacesStage, dump: list[str] | None = None
) -> Tally:
    """The corpus tally; ``dump`` collects each toponym's outcome, by document."""
    tally = Tally()
    started = time.perf_counter()
    parsed = list(parse.pipe(Document(article=make_article(d.text, Defaults())) for d in docs))
    for k, (gold, doc) in enumerate(zip(docs, parsed, strict=True)):
        t0 = time.perf_counter()
        out = stage(doc)
        tally.places_seconds += time.perf_counter() - t0
        outcomes: list[str] | None = [] if dump is not None else None
        tally.add(score_doc(gold, out.places, outcomes))
        if dump is not None and outcomes is not None:
            dump += [f"{k}\t{line}" for line in outcomes]
    tally.total_seconds = time.perf_counter() - started
    return tally


def in_split(i: int, split: str) -> bool:
    return split == "all" or (i % 2 == 0) == (split == "dev")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m sitrep.bench.geoparse",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per corpus")
    ap.add_argument("--corpus", default=",".join(CORPORA))
    ap.add_argument(
        "--split",
        choices=("all", "dev", "test"),
        default="all",
        help="dev = even-numbered documents (used while developing), test = odd",
    )
    ap.add_argument(
        "--gazetteer",
        type=Path,
        default=None,
        help="gazetteer file (default: the configured path; built if missing)",
    )
    ap.add_argument("--json", action="store_true", help="print figures as JSON")
    ap.add_argument(
        "--dump",
        type=Path,
        default=None,
        help="write each gold toponym's outcome to this file (use with --split dev)",
    )
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no benchmark data at {args.data}; nothing to measure")
        return 0
    settings = Settings.from_env()
    gazetteer = ensure_gazetteer(args.gazetteer or settings.gazetteer_path)
    parse = ParseStage(load_model(settings.spacy_model))
    stage = PlacesStage(gazetteer)
    results: dict[str, dict[str, float | int | None]] = {}
    pooled = Tally()
    dumped: list[str] = []
    for name in args.corpus.split(","):
        docs_iter = corpus_docs(args.data, name)
        if docs_iter is None:
            print(f"{name}: corpus not found under {args.data}; skipped")
            continue
        docs = [d for i, d in enumerate(docs_iter) if in_split(i, args.split)][: args.limit]
        lines: list[str] | None = [] if args.dump else None
        tally = run_corpus(docs, parse, stage, lines)
        dumped += [f"{name}\t{line}" for line in lines or ()]
        results[name] = tally.figures()
        if name in ("lgl", "tr-news"):
            pooled.add(tally)
    if pooled.docs:
        results["lgl+tr-news"] = pooled.figures()
    if args.dump:
        args.dump.write_text("\n".join(dumped) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    return 0


def print_table(results: dict[str, dict[str, float | int | None]]) -> None:
    cols = [
        "docs",
        "gold",
        "precision",
        "recall",
        "f1",
        "acc161",
        "exact",
        "mean_km",
        "median_km",
        "docs_per_s_places",
        "docs_per_s_total",
    ]
    widths = [max(len(c), 7) + 2 for c in cols]
    print("corpus".ljust(12) + "".join(c.rjust(w) for c, w in zip(cols, widths, strict=True)))
    for name, fig in results.items():
        cells = ["-" if fig[c] is None else str(fig[c]) for c in cols]
        row = (cell.rjust(w) for w, cell in zip(widths, cells, strict=True))
        print(name.ljust(12) + "".join(row))


if __name__ == "__main__":
    sys.exit(main())
