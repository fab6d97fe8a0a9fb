"""Benchmark for newstrace.claims: PolNeAR attribution, TempEval-3 TimeBank dates, and the seed page.

Run by hand from the repo root:  /work/venv/bin/python bench/claims.py [--split dev|train] [--only polnear,timebank,seed]
[--show-errors]
Reads ../shared/data (evaluation only, nothing is copied); prints tables; writes bench/results/claims.json.

Scoring (defined here so the figures can be checked):
- PolNeAR: one annotation file per article (the first by name when several annotators worked on it).
  Tokens are \\w+. A predicted quote is right (overlap) when >= 50% of its tokens lie in one gold content;
  a gold content is found when the predictions overlapping it cover >= 50% of its tokens. Exact: spans equal
  after trimming whitespace, quote marks and edge punctuation (a discontinuous gold content needs each of its
  pieces matched). "Direct" gold = content starting with a quotation mark; "direct" predictions = kind direct.
  "All" predictions = every quote except partial quotes lying inside one of our indirect quotes (same passage).
  Speaker accuracy, over found gold contents that have a Source: right when our speaker span overlaps the gold
  source, or our resolved name contains the gold mention's head word, or the gold mention resolves (our own
  coreference: pronoun -> last person named before it; role/name -> resolve_mention) to our speaker.
- TimeBank: every DATE TIMEX3 in TEXT, value against the document's DCT. "in document": find_times on the
  whole text, the expression overlapping the gold one, converted to a TimeML value. "gold span": find_times on
  the gold expression alone. Baseline: dateparser 1.5 DateDataParser on the gold expression, RELATIVE_BASE = DCT,
  PREFER_DATES_FROM = past, value formatted at the period dateparser reports. "find_times speed": find_times
  alone over every TimeBank text against its DCT, best of 3 passes (wall clock, so it varies with machine load).
  The mapping from TimeExpr to TimeML values is unchanged by the time rules added since 0.846; our "half"
  granularity maps to TimeML's 1990-H1 and our open references (rules *.past_ref.*, future_ref) to PAST_REF/FUTURE_REF.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace.claims import annotate, find_entities, find_quotes, find_times, timex_value  # noqa: E402
from newstrace.claims._text import sentences  # noqa: E402
from newstrace.claims.names import resolve_mention  # noqa: E402
from newstrace.claims.quotes import pronoun_antecedent  # noqa: E402
from newstrace.model import Article, TimeExpr  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TRIM = " \t\n“”\"‘’',.;:?!—–-()"


# ---------------------------------------------------------------- PolNeAR

def load_brat(path: Path) -> list[dict]:
    spans: dict[str, dict] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.count("\t") < 1:
            continue  # a few annotation files carry stray lines
        if line.startswith("T"):
            tid, meta, *_ = line.split("\t")
            kind, rest = meta.split(" ", 1)
            frags = [tuple(int(x) for x in f.split()) for f in rest.split(";")]
            spans[tid] = {"kind": kind, "frags": frags}
        elif line.startswith("E"):
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p)
            events.append(parts)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if not content:
            continue
        source = spans.get(ev.get("Source", ""))
        out.append({"content": content["frags"], "source": source["frags"] if source else None})
    return out


def tokens(text: str, span: tuple[int, int]) -> set[int]:
    return {m.start() + span[0] for m in re.finditer(r"\w+", text[span[0]:span[1]])}


def trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def gold_mention_resolves(text: str, frags, speaker: str | None, entities) -> bool:
    if not speaker or not frags:
        return False
    s, e = frags[0][0], frags[-1][1]
    mention = text[s:e]
    if mention.lower() in ("he", "she", "him", "her", "his"):
        people = sorted((sp[0], ent.name) for ent in entities if ent.kind == "person" for sp in ent.spans)
        return pronoun_antecedent(text, s, people, sentences(text)) == speaker
    return resolve_mention(mention, s, entities) == speaker


def speaker_right(text: str, q, gold_src, entities) -> bool:
    if q.speaker_span and any(q.speaker_span[0] < ge and gs < q.speaker_span[1] for gs, ge in gold_src):
        return True
    mention = " ".join(text[s:e] for s, e in gold_src)
    head = re.findall(r"[A-Za-z]+", re.sub(r"[’']s\b", "", mention))
    if q.speaker and head and head[-1][0].isupper() and head[-1].lower() in q.speaker.lower().split():
        return True
    return gold_mention_resolves(text, gold_src, q.speaker, entities)


def score_set(text: str, golds: list[dict], preds: list, entities) -> dict:
    """Counts for one article: overlap/exact precision and recall numerators, speaker accuracy."""
    c = dict(pred=len(preds), gold=len(golds), p_ov=0, r_ov=0, p_ex=0, r_ex=0, spk_n=0, spk_ok=0)
    gtoks = [set().union(*(tokens(text, f) for f in g["content"])) for g in golds]
    gtrim = [{trim(text, f) for f in g["content"]} for g in golds]
    ptoks = [tokens(text, q.span) for q in preds]
    ptrim = [trim(text, q.span) for q in preds]
    for pt, pr in zip(ptoks, ptrim):
        if pt and any(len(pt & gt) >= 0.5 * len(pt) for gt in gtoks):
            c["p_ov"] += 1
        if any(pr in gs for gs in gtrim):
            c["p_ex"] += 1
    for g, gt, gs in zip(golds, gtoks, gtrim):
        hits = [(len(gt & pt), q) for q, pt in zip(preds, ptoks) if gt & pt]
        covered = set().union(*(gt & pt for pt in ptoks)) if ptoks else set()
        if gt and len(covered) >= 0.5 * len(gt):
            c["r_ov"] += 1
            if g["source"]:
                best = max(hits, key=lambda h: h[0])[1]
                c["spk_n"] += 1
                c["spk_ok"] += speaker_right(text, best, g["source"], entities)
        if gs and gs <= set(ptrim):
            c["r_ex"] += 1
    return c


def prf(p_num: int, pred: int, r_num: int, gold: int) -> dict:
    p = p_num / pred if pred else 0.0
    r = r_num / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def bench_polnear(split: str) -> dict:
    base = DATA / "attribution" / "polnear" / split
    totals = {k: dict(pred=0, gold=0, p_ov=0, r_ov=0, p_ex=0, r_ex=0, spk_n=0, spk_ok=0) for k in ("direct", "all")}
    n_docs = 0
    t0 = time.time()
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        golds = load_brat(anns[0])
        entities = find_entities(text)
        quotes = find_quotes(text, entities)
        indirect = [q for q in quotes if q.kind == "indirect"]
        every = [q for q in quotes if q.kind != "partial"
                 or not any(i.span[0] <= q.span[0] and q.span[1] <= i.span[1] for i in indirect)]
        direct_gold = [g for g in golds if text[g["content"][0][0]:g["content"][0][1]].lstrip()[:1] in "“\"'" and
                       text[g["content"][0][0]:g["content"][0][1]].strip()]
        sets = {"direct": (direct_gold, [q for q in quotes if q.kind == "direct"]), "all": (golds, every)}
        for k, (g, p) in sets.items():
            for key, v in score_set(text, g, p, entities).items():
                totals[k][key] += v
        n_docs += 1
    out = {"split": split, "documents": n_docs, "seconds": round(time.time() - t0, 1)}
    for k, t in totals.items():
        out[k] = {"gold": t["gold"], "predicted": t["pred"],
                  "overlap": prf(t["p_ov"], t["pred"], t["r_ov"], t["gold"]),
                  "exact": prf(t["p_ex"], t["pred"], t["r_ex"], t["gold"]),
                  "speaker_accuracy": round(t["spk_ok"] / t["spk_n"], 4) if t["spk_n"] else None,
                  "speaker_n": t["spk_n"]}
    return out


# ---------------------------------------------------------------- TimeBank

def load_tml(path: Path) -> tuple[str, str, list[dict]]:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', raw).group(1)[:10]
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    plain, golds, pos = [], [], 0
    open_t = None
    for m in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body):
        if m.group(4) is not None:
            chunk = html.unescape(m.group(4))
            plain.append(chunk)
            pos += len(chunk)
        elif m.group(2) == "TIMEX3":
            if m.group(1):
                if open_t is not None:
                    open_t["span"] = (open_t["start"], pos)
                    golds.append(open_t)
                open_t = None
            else:
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3)))
                open_t = {"type": attrs.get("type"), "value": attrs.get("value"), "start": pos}
    text = "".join(plain)
    return dct, text, [dict(g, text=text[g["span"][0]:g["span"][1]]) for g in golds if g["type"] == "DATE"]


def timeml_value(t: TimeExpr, gold_text: str) -> str | None:
    """Our TimeExpr as a TimeML value, for the extent TimeML marks (it leaves "since" outside)."""
    if t.rule.startswith("time.present_ref"):
        return "PRESENT_REF"
    if t.rule.startswith("time.past_ref"):  # also time.past_ref.vague_ago.v1 ("several years ago")
        return "PAST_REF"
    if t.rule.startswith("time.future_ref"):
        return "FUTURE_REF"
    if not t.start:
        return None
    if t.rule.startswith("time.edge_of_period") and t.granularity:
        unit = re.search(r"(week|month|year)", t.text.lower())
        if unit:
            return timex_value(TimeExpr(t.text, t.span, *_period_of(t.start, unit.group(1)), True, ""))
    v = timex_value(t)
    if v and "/" in v and not gold_text.lower().startswith("since"):
        cut = {"year": 4, "month": 7}.get(t.granularity or "", 10)
        return t.start[:cut]
    return v


def _period_of(start: str, unit: str) -> tuple[str, str, str]:
    d = date.fromisoformat(start)
    if unit == "month":
        import calendar
        return d.replace(day=1).isoformat(), d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat(), "month"
    if unit == "year":
        return f"{d.year}-01-01", f"{d.year}-12-31", "year"
    from datetime import timedelta
    mon = d - timedelta(days=d.weekday())
    return mon.isoformat(), (mon + timedelta(days=6)).isoformat(), "week"


def dateparser_value(parser, text: str) -> str | None:
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises on odd inputs; a miss is a miss
        return None
    d, period = data.date_obj, data.period
    if d is None:
        return None
    if period == "year":
        return str(d.year)
    if period == "month":
        return f"{d.year}-{d.month:02d}"
    if period == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return d.date().isoformat()


def _timed(texts: list[tuple[str, str]]) -> float:
    t0 = time.perf_counter()
    for dct, text in texts:
        find_times(text, dct)
    return time.perf_counter() - t0


def bench_timebank() -> dict:
    import dateparser

    files = sorted((DATA / "time" / "tempeval3" / "TimeBank").glob("*.tml"))
    n = ok_doc = ok_span = ok_dp = detected = 0
    errors: list[dict] = []
    t0 = time.time()
    for f in files:
        dct, text, golds = load_tml(f)
        found = find_times(text, dct)
        parser = dateparser.date.DateDataParser(
            languages=["en"], settings={"RELATIVE_BASE": datetime.fromisoformat(dct), "PREFER_DATES_FROM": "past"})
        for g in golds:
            n += 1
            gs, ge = g["span"]
            hits = [t for t in found if t.span[0] < ge and gs < t.span[1]]
            ours = timeml_value(hits[0], g["text"]) if hits else None
            detected += bool(hits)
            ok_doc += ours == g["value"]
            alone = find_times(g["text"], dct)
            ok_span += bool(alone) and timeml_value(alone[0], g["text"]) == g["value"]
            ok_dp += dateparser_value(parser, g["text"]) == g["value"]
            if ours != g["value"] and len(errors) < 400:
                errors.append({"doc": f.name, "text": g["text"], "gold": g["value"], "ours": ours, "dct": dct})
    texts = [load_tml(f)[:2] for f in files]
    best = min(_timed(texts) for _ in range(3))
    return {"documents": len(files), "date_timexes": n, "seconds": round(time.time() - t0, 1),
            "find_times_ms": round(best * 1000), "find_times_chars_per_s": round(sum(len(t) for _, t in texts) / best),
            "detected": round(detected / n, 4),
            "newstrace_in_document": round(ok_doc / n, 4), "newstrace_gold_span": round(ok_span / n, 4),
            "dateparser_gold_span": round(ok_dp / n, 4),
            "_errors": errors}  # for a look by hand; not written to results (TimeBank text stays out of the repo)


# ---------------------------------------------------------------- seed

def seed_article() -> Article:
    lines = (DATA.parent / "seed" / "000_ef756300ad867e8b.txt").read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[6:] if line.strip()][:8]
    return Article(source="seed", title=lines[2], standfirst=lines[4], body=body)


def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (s or "").lower()) if w not in ("the", "in", "of", "a")}


def bench_seed() -> dict:
    expected = json.loads((DATA.parent / "seed" / "expected.json").read_text(encoding="utf-8"))
    art = annotate(seed_article(), "2023-10-24")
    rows = []
    for e in expected["should"]["quotes"]:
        q = next((q for q in art.quotes if q.kind != "indirect" and q.text == e["text"]), None)
        checks = {k: (getattr(q, k) if q else None) == e[k] for k in ("speaker", "kind", "speaker_mention", "cue", "via") if k in e}
        rows.append({"what": "quote", "entry": e["text"][:48], "found": q is not None, "checks": checks,
                     "pass": q is not None and all(checks.values())})
    for e in expected["should"]["numeric_claims"]:
        c = next((c for c in art.claims if c.value == e["value"]), None)
        checks = {}
        if c:
            checks["hedge"] = c.hedge == e["hedge"]
            checks["counted"] = _words(e["counted"]) <= _words(c.counted) | _words(c.where)
            checks["source"] = (c.source or "").lower() == (e["source"] or "").lower()
            for k in ("holder", "where"):
                if k in e:
                    checks[k] = c.__getattribute__(k) == e[k]
            for k in ("since", "event"):
                if k in e:
                    checks[k] = bool(c.when) and c.when.text.split()[-2:] == e[k].split()[:2] or bool(c.when and e[k].startswith(c.when.text.replace("since ", "")))
        rows.append({"what": "claim", "entry": f"{e['hedge'] or ''} {e['value']} {e['counted']}".strip(), "found": c is not None,
                     "checks": checks, "pass": c is not None and all(checks.values())})
    values = {t.text: timex_value(t) for t in art.times}
    for key, want in expected["optional"]["dates_given_published_2023-10-24"].items():
        got = next((v for k, v in values.items() if k in key or key in k), None)
        rows.append({"what": "date", "entry": key, "found": got is not None, "checks": {"value": got == want},
                     "pass": got == want, "got": got})
    people = {e.name for e in art.entities if e.kind == "person"}
    orgs = {e.name for e in art.entities if e.kind == "organisation"}
    rows.append({"what": "names", "entry": "people", "found": True, "checks": {}, "pass": set(expected["should"]["people"]) <= people})
    rows.append({"what": "names", "entry": "organisations_include", "found": True, "checks": {},
                 "pass": set(expected["should"]["organisations_include"]) <= orgs})
    isl = next((e for e in art.entities if e.name == "Islamic State"), None)
    rows.append({"what": "names", "entry": "aliases Islamic State", "found": isl is not None, "checks": {},
                 "pass": bool(isl) and set(expected["should"]["aliases"]["Islamic State"]) <= set(isl.aliases)})
    return {"rows": rows, "passed": sum(r["pass"] for r in rows), "total": len(rows)}


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--only", default="polnear,timebank,seed")
    ap.add_argument("--show-errors", action="store_true", help="print TimeBank misses (not saved)")
    args = ap.parse_args()
    want = set(args.only.split(","))
    result: dict = {}
    if "seed" in want:
        result["seed"] = s = bench_seed()
        print(f"\nSeed (published 2023-10-24): {s['passed']}/{s['total']} entries pass")
        print(f"{'what':6} {'entry':50} {'pass':5} failed checks")
        for r in s["rows"]:
            bad = [k for k, v in r["checks"].items() if not v] or ([] if r["found"] else ["not found"])
            print(f"{r['what']:6} {r['entry'][:50]:50} {'PASS' if r['pass'] else 'FAIL':5} {', '.join(bad)}")
    if "polnear" in want:
        result["polnear" if args.split == "dev" else f"polnear_{args.split}"] = p = bench_polnear(args.split)
        print(f"\nPolNeAR {p['split']} ({p['documents']} articles, {p['seconds']} s)")
        print(f"{'set':8} {'gold':>5} {'pred':>5} {'P ov':>6} {'R ov':>6} {'F1 ov':>6} {'P ex':>6} {'R ex':>6} {'F1 ex':>6} {'speaker':>8} {'n':>5}")
        for k in ("direct", "all"):
            r = p[k]
            o, e = r["overlap"], r["exact"]
            spk = f"{r['speaker_accuracy']:.3f}" if r["speaker_accuracy"] is not None else "-"
            print(f"{k:8} {r['gold']:5d} {r['predicted']:5d} {o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f} "
                  f"{e['precision']:6.3f} {e['recall']:6.3f} {e['f1']:6.3f} {spk:>8} {r['speaker_n']:5d}")
        print("reference: Gender Gap Tracker quotes F1 0.837, speaker accuracy 0.865 (its own corpus)")
    if "timebank" in want:
        t = bench_timebank()
        errors = t.pop("_errors")
        if args.show_errors:
            for e in errors[:80]:
                print(f"  {e['doc']}: {e['text']!r} gold={e['gold']} ours={e['ours']} dct={e['dct']}")
        result["timebank"] = t
        print(f"\nTimeBank DATE values vs DCT ({t['documents']} docs, {t['date_timexes']} DATE timexes, {t['seconds']} s)")
        print(f"{'system':40} {'accuracy':>8}")
        print(f"{'newstrace find_times, in document':40} {t['newstrace_in_document']:8.3f}   (detected {t['detected']:.3f})")
        print(f"{'newstrace find_times, gold span alone':40} {t['newstrace_gold_span']:8.3f}")
        print(f"{'dateparser 1.5, gold span, RELATIVE_BASE=DCT':40} {t['dateparser_gold_span']:8.3f}")
        print(f"find_times alone over the {t['documents']} texts: {t['find_times_ms']} ms "
              f"({t['find_times_chars_per_s'] / 1e6:.2f} M chars/s)")
    out = ROOT / "bench" / "results" / "claims.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(out.read_text()) if out.exists() else {}
    old.update(result)
    out.write_text(json.dumps(old, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
