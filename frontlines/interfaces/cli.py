"""The ``frontlines`` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import FrontlinesError, UsageError

DB_HELP = "Database: a SQLite file or postgresql://... (default: FRONTLINES_DB or ./frontlines.db)."
SEEDS_CANDIDATES = ("../shared/corpus/seeds", "shared/corpus/seeds")


def _store(db: str | None) -> Any:
    from ..store import open_store

    return open_store(db)


def _fail(exc: FrontlinesError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FrontlinesError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(package_name="frontlines")
def main() -> None:
    """frontlines: read conflict news, get sourced events, places, dates and control of towns."""


def _csv_columns(values: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise UsageError(f"--column expects FIELD=COLUMN, got {v!r}")
        field, column = v.split("=", 1)
        mapping[field.strip()] = column.strip()
    return mapping


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", help=DB_HELP)
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False),
              help="JSONL manifest with file, title, outlet, published per file.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents that have none.")
@click.option("--source", help="Outlet name for documents that have none.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
              help="Map a CSV column to a document field, e.g. --column text=article_content.")
@click.option("--workers", type=int, default=None, help="Parse in N local worker processes (Dask).")
@click.option("--cluster", help="Dask scheduler address (tcp://host:8786) to parse on a cluster.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db: str | None, manifest: str | None,
           published: str | None, source: str | None, columns: tuple[str, ...],
           workers: int | None, cluster: str | None, quiet: bool) -> None:
    """Read files and folders (.txt .md .html .jsonl .json .csv) into the database."""
    from ..pipeline import ingest as run_ingest

    manifest_path = manifest
    if manifest_path is None:
        for p in paths:
            cand = Path(p) / "manifest.jsonl"
            if Path(p).is_dir() and cand.exists():
                manifest_path = str(cand)
                break
    store = _store(db)
    try:
        if workers or cluster:
            from ..cluster import ingest_distributed

            report = ingest_distributed(list(paths), store, manifest=manifest_path,
                                        published=published, source=source,
                                        csv_columns=_csv_columns(columns) or None,
                                        workers=workers, address=cluster)
        else:
            from tqdm import tqdm

            bar = tqdm(desc="documents", unit="doc", disable=quiet or None, file=sys.stderr)
            report = run_ingest(list(paths), store, manifest=manifest_path, published=published,
                                source=source, csv_columns=_csv_columns(columns) or None,
                                on_error=lambda line: tqdm.write(f"error: {line}", file=sys.stderr),
                                progress=bar.update)
            bar.close()
    finally:
        store.close()
    click.echo(
        f"{report.stored} documents stored, {report.skipped} already present, "
        f"{report.reports} reports, {report.events} events in the database, "
        f"{len(report.errors)} rejected",
        err=True,
    )
    if report.errors:
        sys.exit(1)


def _query(place: str | None, actor: str | None, type_: str | None, since: str | None,
           until: str | None, modality: str | None, limit: int | None) -> Any:
    from ..store import EventQuery, place_ids

    return EventQuery(place=place, actor=actor, type=type_, since=since, until=until,
                      modality=modality, limit=limit, place_ids=place_ids(place) if place else None)


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", default="jsonl", type=click.Choice(["jsonl", "csv", "acled", "geojson"]),
              show_default=True, help="Output format.")
@click.option("--place", help="Place name, id or governorate.")
@click.option("--actor", help="Actor name or id (matches any role).")
@click.option("--type", "type_", help="ACLED event type or sub-event type.")
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--modality", help="Comma-separated modalities, e.g. asserted,reported.")
@click.option("--limit", type=int, help="At most this many events.")
def events(db: str | None, fmt: str, place: str | None, actor: str | None,
           type_: str | None, since: str | None, until: str | None,
           modality: str | None, limit: int | None) -> None:
    """Write events to stdout."""
    from ..exports import write_events

    with _store(db) as store:
        evs = store.query_events(_query(place, actor, type_, since, until, modality, limit))
        write_events(evs, fmt, sys.stdout)


@main.command()
@click.argument("place", required=False)
@click.option("--db", help=DB_HELP)
@click.option("--on", "on", help="The front line on this date: who held each place.")
@click.option("--format", "fmt", default="text", type=click.Choice(["jsonl", "text"]), show_default=True)
def control(place: str | None, db: str | None, on: str | None, fmt: str) -> None:
    """Changes of control of places (or, with --on, who held what on a date)."""
    from ..analysis.control import control_changes, front_line

    with _store(db) as store:
        if on:
            rows = front_line(store, on)
            for row in rows:
                if fmt == "jsonl":
                    click.echo(json.dumps(row, ensure_ascii=False))
                else:
                    click.echo(f"{row.get('place')}\t{row.get('holder')}\tsince {row.get('since') or '?'}")
            return
        for ch in control_changes(store, place):
            d = ch.to_dict()
            if fmt == "jsonl":
                click.echo(json.dumps(d, ensure_ascii=False))
            else:
                to = ch.to_actor.name if ch.to_actor else "?"
                frm = ch.from_actor.name if ch.from_actor else "?"
                click.echo(f"{ch.date.start}\t{ch.place.name}\t{frm} -> {to}\t"
                           f"{len(ch.event_ids)} events, sources: {', '.join(ch.sources)}")


@main.command()
@click.argument("place")
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", default="text", type=click.Choice(["json", "text"]), show_default=True)
def timeline(place: str, db: str | None, fmt: str) -> None:
    """Who held PLACE when, with the evidence."""
    from ..analysis.control import timeline as build_timeline

    with _store(db) as store:
        tl = build_timeline(store, place)
    if fmt == "json":
        click.echo(json.dumps(tl, ensure_ascii=False, indent=2))
        return
    loc = tl.get("place") or {}
    if not loc:
        click.echo(f"{place}: no change of control of this place is known")
        return
    click.echo(f"{loc.get('name', place)} ({loc.get('admin1') or '-'}, {loc.get('country') or '-'})")
    if not tl.get("periods"):
        click.echo("  no changes of control found")
    for p in tl.get("periods", []):
        ref = p.get("holder") or {}
        holder = ref.get("name", "?")
        if str(ref.get("id") or "").startswith("camp:"):
            from ..knowledge.camps import camp_label

            holder = camp_label(holder)
        actors = [a for a in p.get("actors") or [] if a != holder]
        if actors:
            holder += f" ({', '.join(actors[:4])})"
        flag = "  [disputed]" if p.get("disputed") else ""
        click.echo(f"  {p.get('start') or '…':<10} to {p.get('end') or 'now':<10}  {holder}{flag}")
        for ev in (p.get("evidence") or [])[:2]:
            src = ev.get("source") or ev.get("doc_id")
            click.echo(f"      “{ev.get('sentence', '')[:150]}” ({src})")
    for c in tl.get("conflicts", []):
        click.echo(f"  conflict: {c}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--published", help="Publication date (YYYY-MM-DD).")
def extract(file: str, published: str | None) -> None:
    """Read one document and print what frontlines finds, as JSON (no database)."""
    from ..ingest import read_file
    from ..pipeline import extract as run_extract

    results = list(read_file(file, published=published))
    docs = [r for r in results if not isinstance(r, FrontlinesError)]
    for r in results:
        if isinstance(r, FrontlinesError):
            click.echo(f"error: {r}", err=True)
    if not docs:
        sys.exit(1)
    out = []
    for doc in docs:
        ex = run_extract(doc)
        d = ex.to_dict()
        d["document"].pop("text", None)
        out.append(d)
    click.echo(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2))


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", default="text", type=click.Choice(["json", "text"]), show_default=True)
def stats(db: str | None, fmt: str) -> None:
    """Counts: documents, events by type, places, control changes."""
    with _store(db) as store:
        s = store.stats()
        s["top_places"] = store.places(limit=10)
        s["provisional_actors"] = store.provisional_actors()[:15]
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    _print_summary(s)


def _print_summary(s: dict[str, Any]) -> None:
    click.echo(f"documents: {s['documents']}   reports: {s['reports']}   events: {s['events']}   "
               f"places: {s['places']}   control changes: {s['control_changes']}   "
               f"relations: {s['relations']}")
    click.echo("events by type:")
    for row in s["by_type"]:
        click.echo(f"  {row['events']:5}  {row['type']} / {row['subtype']}")
    click.echo("events by modality: " + ", ".join(f"{k} {v}" for k, v in s["by_modality"].items()))
    if s.get("top_places"):
        click.echo("places with most events:")
        for p in s["top_places"]:
            click.echo(f"  {p['events']:5}  {_place_label(p)} ({p['admin1'] or '-'}, {p['country'] or '-'})"
                       f"  {p['lat']:.3f},{p['lon']:.3f}")


def _place_label(place: dict[str, Any]) -> str:
    """The place's name, marked when it is a governorate ("Aleppo governorate")."""
    from ..knowledge.gazetteer import get_gazetteer

    name = str(place.get("name") or "?")
    if place.get("id"):
        for c in get_gazetteer().candidates(name, robust=False):
            if c.pid == place["id"] and c.feature == "ADM1":
                return f"{name} governorate"
    return name


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--graph", "graph_fmt", type=click.Choice(["json", "graphml"]),
              help="Export the actor graph instead of the actor list.")
@click.option("--sides", is_flag=True,
              help="List the registry's sides (camps) and their actors instead; no database is read.")
def actors(db: str | None, graph_fmt: str | None, sides: bool) -> None:
    """Actors in the database (with --graph: the actor graph as JSON or GraphML; with
    --sides: the sides of each war the registry knows, FRONTLINES_ACTORS files included)."""
    from ..analysis.graph import actor_graph, to_graphml

    if sides:
        _print_sides()
        return
    with _store(db) as store:
        graph = actor_graph(store)
        provisional = store.provisional_actors()
    if graph_fmt == "graphml":
        click.echo(to_graphml(graph))
    elif graph_fmt == "json":
        click.echo(json.dumps(graph, ensure_ascii=False, indent=2))
    else:
        for n in sorted(graph["nodes"], key=lambda n: -int(n.get("events") or 0)):
            click.echo(f"{n.get('events') or 0:5}  {n['name']}  [{n.get('camp') or '-'}]")
        if provisional:
            click.echo("provisional actors (not in the registry):")
            for name, count in provisional[:30]:
                click.echo(f"{count:5}  {name}")


def _print_sides() -> None:
    from ..knowledge.actors import get_registry
    from ..knowledge.camps import camp_labels

    registry = get_registry()
    labels = {**camp_labels(), **registry.camp_names}
    by_camp: dict[str, list[Any]] = {}
    for actor in registry.all():
        if actor.generic:
            continue
        by_camp.setdefault(registry.camp_of(actor.id) or "-", []).append(actor)
    for camp in sorted(by_camp, key=lambda c: labels.get(c, c)):
        click.echo(f"{labels.get(camp, camp)} [{camp}]")
        for actor in sorted(by_camp[camp], key=lambda a: (a.country or "", a.name)):
            inter = f"inter {actor.acled_inter}" if actor.acled_inter else "inter -"
            click.echo(f"  {actor.name}  ({actor.country or '--'}, {actor.kind}, {inter})")


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", default="text", type=click.Choice(["jsonl", "text"]), show_default=True)
def disputes(db: str | None, fmt: str) -> None:
    """Where sources disagree: numbers of killed, holders of places."""
    from ..analysis.disputes import disputes as find_disputes

    with _store(db) as store:
        rows = find_disputes(store)
    for row in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            vals = "; ".join(
                f"{v.get('value')} ({', '.join(str(o) for o in v.get('outlets') or [])})"
                for v in row.get("values", [])
            )
            click.echo(f"{row.get('kind')}\t{row.get('event_id') or row.get('place')}\t{vals}")


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="FRONTLINES_TOKEN", help="Enable uploads, protected by this bearer token.")
@click.option("--workers", default=1, show_default=True, type=int,
              help="Server processes (more serve more concurrent clients).")
def serve(db: str | None, host: str, port: int, token: str | None, workers: int = 1) -> None:
    """Serve the web app and the HTTP API."""
    import os

    import uvicorn

    from ..settings import database_url
    from .api import create_app

    url = database_url(db)
    _store(url).close()  # fail early on a bad database
    click.echo(f"serving {url} on http://{host}:{port}/", err=True)
    if workers > 1:
        # Worker processes build the app from the environment.
        os.environ["FRONTLINES_DB"] = url
        if token:
            os.environ["FRONTLINES_TOKEN"] = token
        uvicorn.run("frontlines.interfaces.api:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return
    uvicorn.run(create_app(url, token=token), host=host, port=port, log_level="warning")


@main.command()
@click.option("--db", help=DB_HELP)
@click.option("--corpus", type=click.Path(exists=True, file_okay=False),
              help="Folder of articles (default: the sample corpus).")
@click.option("--serve/--no-serve", "do_serve", default=True, show_default=True,
              help="Serve the app after ingesting.")
@click.option("--port", default=8000, show_default=True, type=int)
def demo(db: str | None, corpus: str | None, do_serve: bool, port: int) -> None:
    """Ingest the sample corpus, print a summary, serve the app."""
    from ..pipeline import ingest as run_ingest

    folder = corpus or next((c for c in SEEDS_CANDIDATES if Path(c).is_dir()), None)
    if folder is None:
        raise UsageError("no sample corpus found; pass --corpus FOLDER")
    manifest = Path(folder) / "manifest.jsonl"
    with _store(db) as store:
        report = run_ingest([folder], store, manifest=manifest if manifest.exists() else None,
                            on_error=lambda line: click.echo(f"error: {line}", err=True))
        click.echo(f"ingested {folder}: {report.stored} new documents, {report.skipped} already present")
        s = store.stats()
        s["top_places"] = store.places(limit=10)
    _print_summary(s)
    if do_serve:
        ctx = click.get_current_context()
        ctx.invoke(serve, db=db, host="127.0.0.1", port=port, token=None, workers=1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--articles", is_flag=True,
              help="FILES are annotated whole articles (annotations/*.jsonl): score every event.")
@click.option("--show", type=click.IntRange(min=0), default=0,
              help="With --articles: list N false positives, misses and wrong fields (development part only).")
@click.option("--view", type=click.Choice(["ingest", "reports"]), default="ingest", show_default=True,
              help="With --articles: score events as ingest stores them (one per happening) or "
                   "the reader's reports before merging.")
@click.option("--format", "fmt", default="text", type=click.Choice(["json", "text"]), show_default=True)
def evaluate(files: tuple[str, ...], articles: bool, show: int, view: str, fmt: str) -> None:
    """Score the reader against annotated data.

    With --articles, FILES are whole articles coded by CODING.md, scored on precision,
    recall and per-field accuracy, with development and held-out parts side by side.
    Without it, FILES is one gold file of sentences (JSONL: text, published, events)."""
    if articles:
        from ..evaluation.articles import evaluate_articles
        from ..evaluation.report import format_score

        score = evaluate_articles(files, views=[view])[view]
        click.echo(json.dumps(score.to_dict(), indent=2) if fmt == "json"
                   else format_score(score, show, view))
        return
    if len(files) != 1:
        raise UsageError("give one gold file, or use --articles for annotated articles")
    from ..evaluation import read_gold, score_gold
    from ..models import Document
    from ..pipeline import get_extractor
    from ..store import content_hash

    items = read_gold(files[0])
    docs = [
        Document(id=str(it.get("id") or i), text=it["text"], published=it.get("published"),
                 content_hash=content_hash(it["text"]))
        for i, it in enumerate(items)
    ]
    extractions = list(get_extractor().extract_many(docs))
    scores = score_gold(items, extractions)
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2))
        return
    click.echo(f"{len(items)} documents")
    click.echo(f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5} {'predicted':>9}")
    for name, row in scores.items():
        click.echo(f"{name:<12} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f}"
                   f" {row['gold']:>5} {row['predicted']:>9}")


@main.group()
def gazetteer() -> None:
    """The offline place index."""


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Build (or rebuild) the place index from the installed packages.

    GeoNames dumps you have downloaded yourself (SY.txt, IQ.txt or allCountries.txt from
    geonames.org, unzipped) are added when named in FRONTLINES_GEONAMES (paths separated
    by ':'): they hold the villages without a recorded population that the packaged data
    leaves out. Keep the variable set when running frontlines, so the same index is used.
    """
    import sqlite3

    from ..knowledge.gazetteer_build import build_index, default_index_path
    from ..settings import cache_dir, geonames_files

    path = build_index(default_index_path(cache_dir()))
    with sqlite3.connect(path) as con:
        (places,) = con.execute("SELECT count(*) FROM places").fetchone()
    extra = f" (with {', '.join(geonames_files())})" if geonames_files() else ""
    click.echo(f"built {path}: {places:,} places{extra}")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", "countries", multiple=True, help="ISO country codes for context.")
def gazetteer_lookup(name: str, countries: tuple[str, ...]) -> None:
    """Resolve a place name, however it is spelled."""
    from ..knowledge.gazetteer import get_gazetteer

    loc = get_gazetteer().resolve(name, countries=list(countries))
    click.echo(json.dumps(loc.to_dict() if loc else None, ensure_ascii=False, indent=2))


def iter_commands(group: click.Group = main, prefix: str = "frontlines") -> Iterator[tuple[str, click.Command]]:
    """Every command and sub-command, for generated docs."""
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        yield full, cmd
        if isinstance(cmd, click.Group):
            yield from iter_commands(cmd, full)


if __name__ == "__main__":
    main()
