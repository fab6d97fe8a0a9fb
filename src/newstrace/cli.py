"""The command line: a thin face over the library. It parses, calls the library, and prints with rich.

Exit codes: 0 everything was read; 3 some records were quarantined (the summary says which);
2 usage errors. Scraped text is always printed as plain Text, never as markup.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn
from rich.table import Table
from rich.text import Text

from newstrace import api
from newstrace.export.views import article_view, quarantine_view, story_view
from newstrace.model import Article, Quarantine

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

EXIT_QUARANTINED = 3

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file, or a folder of Parquet tables from --engine spark")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON Lines: one object per line")]


def _json_line(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _check_published(value: str | None) -> None:
    if value:
        try:
            api.check_date(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--published") from exc


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def _print_article(a: Article) -> None:
    out.rule(Text(a.source, style="bold"))
    fields = [("url", a.url), ("site", a.site_name), ("title", a.title), ("standfirst", a.standfirst),
              ("byline", a.byline),
              ("published", f"{a.published.date} ({a.published.precision}, from {a.published.source})"
               if a.published else "unknown"),
              ("publisher", a.publisher.name if a.publisher else None)]
    for name, value in fields:
        if value:
            out.print(Text(f"{name:>11}: ", style="cyan") + Text(str(value)))
    for c in a.credits:
        o = c.outlet
        labels = ", ".join(sorted({f"{lb.label} ({lb.list})" for lb in o.labels})) if o else ""
        desc = f"{o.name} ({o.domain}, {o.country})" if o else "unresolved"
        out.print(Text("     credit: ", style="cyan") + Text(f"{c.text!r} -> {desc}") + Text(f"  {labels}", style="yellow"))
    out.print(Text("       body:", style="cyan"))
    for p in a.body:
        out.print(Text("   " + p))
    for b in a.boilerplate:
        out.print(Text(f"  removed [{b.kind}] ", style="dim") + Text(b.text[:100], style="dim"))
    for q in a.quotes:
        out.print(Text(f"  quote/{q.kind}: ", style="green") + Text(f"{q.text[:90]!r} — {q.speaker or '?'}"
                                                                   f" ({q.speaker_mention or ''}, {q.cue or ''})"))
    for c in a.claims:
        amount = _num(c.value) if c.value is not None else f"{_num(c.low)}–{_num(c.high)}"
        out.print(Text("  claim: ", style="magenta") + Text(
            f"{c.hedge + ' ' if c.hedge else ''}{amount} {c.counted or ''}"
            + (f" — according to {c.source}" if c.source else "")))
    for t in a.times:
        out.print(Text("  time: ", style="blue") + Text(f"{t.text!r} -> {t.start}/{t.end} ({t.granularity})"
                                                        if t.anchored else f"{t.text!r} -> unanchored"))
    for e in a.errors:
        out.print(Text(f"  error: {e}", style="red"))


@app.command()
def inspect(paths: Annotated[list[str], typer.Argument(help="files or folders")], as_json: JsonOpt = False,
            published: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD: anchor times when the page has no date")] = None) -> None:
    """Read pages and print each Article (no store needed)."""
    _check_published(published)
    bad = 0
    for result in api.inspect(paths, published=published):
        if isinstance(result, Quarantine):
            bad += 1
            if as_json:
                _json_line(quarantine_view(result))
            else:
                err.print(Text(f"quarantined {result.source}: {result.reason} {result.detail}", style="red"))
        elif as_json:
            _json_line(article_view(result))
        else:
            _print_article(result)
    if bad:
        err.print(f"{bad} record(s) quarantined")
        raise typer.Exit(EXIT_QUARANTINED)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]ingest"), BarColumn(), TextColumn("{task.completed} records"),
                    TransferSpeedColumn(), TimeElapsedColumn(), console=err, transient=False)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="files, folders, or a manifest (.paths) of them")],
           db: DbOpt = Path(api.DEFAULT_DB),
           engine: Annotated[str, typer.Option(help="local (default) or spark")] = "local",
           out_dir: Annotated[Optional[Path], typer.Option("--out", help="output folder for --engine spark")] = None,
           workers: Annotated[Optional[int], typer.Option(help="worker processes (default: every core)")] = None,
           published: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD anchor for undated pages")] = None) -> None:
    """Read, extract and store pages; match them against the store; print a summary."""
    _check_published(published)
    if engine not in ("local", "spark"):
        raise typer.BadParameter("--engine must be local or spark")
    if engine == "spark":
        if out_dir is None:
            raise typer.BadParameter("--engine spark needs --out DIR")
        stats = api.ingest_spark(paths, out_dir, published=published)
    else:
        with _progress() as bar:
            task = bar.add_task("ingest", total=None)
            stats = api.ingest(paths, db=db, workers=workers, published=published,
                               progress=lambda n, b: bar.update(task, completed=n))
    table = Table(title="ingest summary", show_header=False)
    for name in ("read", "articles", "empty", "quarantined", "skipped"):
        table.add_row(name, str(getattr(stats, name)))
    for reason, n in sorted(stats.reasons.items()):
        table.add_row(f"  quarantined: {reason}", str(n))
    if stats.corpus is not None:
        for name, value in api.corpus_summary(stats.corpus).items():
            table.add_row(name, str(value))
    table.add_row("seconds", f"{stats.seconds:.1f}")
    err.print(table)
    if stats.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def _no_url(page_id: str) -> str:
    return f"page {page_id} (no URL: a text or JSON record without one)"


def _print_story(s, timeline: bool = False) -> None:
    view = story_view(s)
    out.rule(Text(f"story {s.id}", style="bold"))
    out.print(Text(f"origin: {s.origin_url or _no_url(s.origin)}  (confidence {s.confidence:.2f})", style="green"))
    for e in s.evidence:
        out.print(Text(f"   evidence [{e.kind}] {e.detail}", style="dim"))
    members = view["members"]
    if timeline:
        members = sorted(members, key=lambda m: (m["published"] or "9999", m["url"] or ""))
    for m in members:
        where = m["url"] or _no_url(m["page_id"])
        line = f"  {m['relation']:<8} {where}  published={m['published'] or '?'}  containment={m['containment']}"
        out.print(Text(line))
        if m["copied_from"] and m["relation"] != "origin":
            out.print(Text(f"           copied from {m['copied_from']}", style="dim"))
        for e in m["edits"]:
            detail = e.get("detail") or ""
            if not detail and (e.get("before") or e.get("after")):  # e.g. a headline: show what it became
                detail = f"{(e.get('before') or '')[:70]!r} -> {(e.get('after') or '')[:70]!r}"
            out.print(Text(f"           edit: {e['type']} {detail}"[:200], style="yellow"))


@app.command()
def stories(db: DbOpt = Path(api.DEFAULT_DB), as_json: JsonOpt = False) -> None:
    """Every story with 2+ members: origin, members, relations, edits."""
    for s in api.stories(db):
        _json_line(story_view(s)) if as_json else _print_story(s)


@app.command()
def trace(ref: Annotated[str, typer.Argument(help="a URL, page id or story id")], db: DbOpt = Path(api.DEFAULT_DB),
          as_json: JsonOpt = False) -> None:
    """One story as a timeline, with evidence, edits and claim drift."""
    story = api.trace(ref, db)
    if story is None:
        err.print(Text(f"no story holds {ref}", style="red"))
        raise typer.Exit(1)
    _json_line(story_view(story)) if as_json else _print_story(story, timeline=True)


@app.command()
def claims(db: DbOpt = Path(api.DEFAULT_DB), as_json: JsonOpt = False,
           about: Annotated[Optional[str], typer.Option(help="only claims whose text or counted noun contains this")] = None) -> None:
    """Numeric claims and quotes across the store, with outlet and date."""
    for row in api.claims(db, about=about):
        if as_json:
            _json_line(row)
        else:
            out.print(Text(f"{row['published'] or '?':<10} {row['domain'] or '?':<25} ") + Text(row["text"][:150]) +
                      Text(f"  [{row['source'] or 'no source'}]", style="dim"))


@app.command()
def outlet(query: Annotated[str, typer.Argument(help="outlet name, alias, domain or URL")],
           as_json: JsonOpt = False) -> None:
    """What the shipped lists say about an outlet, list by list."""
    info = api.outlet(query)
    if info is None:
        err.print(Text(f"no outlet known as {query!r}", style="red"))
        raise typer.Exit(1)
    if as_json:
        _json_line(info)
        return
    out.print(Text(json.dumps({k: v for k, v in info.items() if k != "labels"}, ensure_ascii=False, indent=1)))
    table = Table("list", "label", "score", "version", "licence", "detail")
    for lb in info.get("labels", []):
        table.add_row(*(Text(str(lb.get(k) if lb.get(k) is not None else "")) for k in
                        ("list", "label", "score", "version", "licence", "detail")))
    out.print(table)


@app.command()
def export(fmt: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet or gexf")],
           out_dir: Annotated[Path, typer.Option("--out", help="output folder")],
           db: DbOpt = Path(api.DEFAULT_DB)) -> None:
    """Write articles, stories and copy edges for other tools (Gephi, DuckDB, pandas)."""
    if fmt not in api.EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(api.EXPORT_FORMATS)}")
    for path in api.export(db, fmt, out_dir):
        err.print(f"wrote {path}")


@app.command()
def demo(db: DbOpt = Path("newstrace-demo.duckdb")) -> None:
    """Build a demo store from the bundled sample crawl and print its main stories."""
    stats = api.demo(db)
    err.print(f"demo: {stats.read} records, {stats.articles} articles, {stats.quarantined} quarantined "
              f"-> {db}  (browse: newstrace stories --db {db}, or newstrace serve --db {db})")
    for s in api.stories(db):
        _print_story(s)


@app.command()
def serve(db: DbOpt = Path(api.DEFAULT_DB),
          host: Annotated[str, typer.Option(help="address to listen on; other than 127.0.0.1 exposes the store")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="port (0: any free one)")] = 8765) -> None:
    """A local web UI over the store: stories, timelines, articles with their marks, copy beside source."""
    from newstrace.ui import serve as serve_ui

    if not db.exists():
        err.print(Text(f"no store at {db}: run `newstrace ingest` (or `newstrace demo`) first", style="red"))
        raise typer.Exit(1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(Text(f"listening on {host}: anyone who can reach it can read the store", style="yellow"))
    try:
        serve_ui(db, host, port, on_ready=lambda url: err.print(f"newstrace UI on {url}  (Ctrl-C to stop)"))
    except KeyboardInterrupt:
        pass


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `newstrace stories | head` closes the pipe early: a normal way to read, not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
