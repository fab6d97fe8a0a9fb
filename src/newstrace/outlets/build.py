"""Regenerate the shipped outlet lists from the raw source files.

Run by maintainers, never at import or run time::

    python -m newstrace.outlets.build ../shared/data/outlets src/newstrace/data/outlets

Each source keeps its own file and its own licence file, so a user can see (and drop) any list
separately; the Wikipedia list (CC BY-SA) sits in its own folder with its own licence.
The curated ``aliases.csv`` is written by hand and is not touched here.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from newstrace.outlets.names import host_of

# Lists and the exact terms each ships under (also written to manifest.json).
STATE_MEDIA = {
    "list": "State Media Matrix",
    "licence": "MIT",
    "attribution": "ASD State Media Profiles (Alliance for Securing Democracy at GMF), seeded from the "
    "State Media Monitor (Media and Journalism Research Center) typology and list",
    "url": "https://github.com/ASD-at-GMF/state-media-profiles",
}
SITES_OF_CONCERN = {
    "list": "ASD sites of concern",
    "licence": "MIT",
    "attribution": "ASD disinfo-laundromat sites of concern (Peter Benzoni, Alicia Bargar, Gaurika K. Chaturvedi); "
    "each row keeps the list it came from",
    "url": "https://github.com/ASD-at-GMF/disinfo-laundromat",
}
SPECIOUS = {
    "list": "Hanley et al. unreliable news sites",
    "licence": "Apache-2.0",
    "attribution": "Hanley, Kumar, Durumeric: Specious Sites (IEEE S&P 2024), unreliable/biased news domains",
    "url": "https://github.com/hanshanley/specious-sites",
}
WIKIPEDIA = {
    "list": "Wikipedia perennial sources",
    "licence": "CC BY-SA 3.0",
    "attribution": "Wikipedia contributors, 'Wikipedia:Reliable sources/Perennial sources', snapshot 2021-03-17, "
    "https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources",
    "version": "2021-03-17",
}
LIN2023 = {
    "list": "Lin et al. 2023 domain quality",
    "licence": "reuse permitted by the authors (\"Feel free to reuse the data\"); no licence file",
    "attribution": "Lin, Lasser, Lewandowsky, Cole, Gully, Rand, Pennycook (2023). High level of correspondence "
    "across different news domain quality rating sets. PNAS Nexus 2(9) pgad286. "
    "https://doi.org/10.1093/pnasnexus/pgad286",
    "version": "2023 (pc1)",
}

_PREFIX = re.compile(r"^(?:print media|print|television|online|news agency|radio|tv)\s*:\s*", re.I)


def _digest(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def build_state_media(src: Path, out: Path) -> int:
    rows = []
    with (src / "state_media_matrix.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            asset = _PREFIX.sub("", (r["Main assets"] or "").strip()).strip()
            if not (asset or r["Media company"]):
                continue
            rows.append([r["Country"].strip(), r["Media company"].strip(), asset or r["Media company"].strip(),
                         host_of(r["URL"] or ""), (r["Typology"] or "").strip()])
    _write_csv(out / "state_media_matrix.csv", ["country", "company", "asset", "domain", "typology"], rows)
    return len(rows)


def build_sites_of_concern(src: Path, out: Path) -> int:
    seen: set[tuple[str, str]] = set()
    rows = []
    with (src / "sites_of_concern.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (host_of(r["Domain"]), r["Source"].strip())
            if key[0] and key not in seen:
                seen.add(key)
                rows.append(list(key))
    _write_csv(out / "sites_of_concern.csv", ["domain", "source"], rows)
    return len(rows)


def build_specious(src: Path, out: Path) -> int:
    lines = (src / "specious_sites_unreliable.txt").read_text(encoding="utf-8").splitlines()
    hosts = sorted({host_of(x) for x in lines if x.strip()} - {""})
    (out / "specious_sites_unreliable.txt").write_text("\n".join(hosts) + "\n", encoding="utf-8")
    return len(hosts)


def build_lin2023(src: Path, out: Path) -> int:
    rows = []
    with (src / "lin2023_domain_pc1.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append([host_of(r["domain"]), f"{float(r['pc1']):.4f}"])
    _write_csv(out / "lin2023_domain_pc1.csv", ["domain", "pc1"], rows)
    return len(rows)


_REFERENCE_HOSTS = re.compile(r"(?:^|\.)(?:wikipedia|wikidata|wikisource|wikimedia|toolforge)\.org$")


def _wiki_hosts(name: str, urls: list[str]) -> list[str]:
    """The entry's own domains: drop Wikimedia links and, in long lists, catalogue links that
    share no word with the entry's name (the JAMA entry links to jstor.org, ncbi...)."""
    hosts: list[str] = []
    for u in urls:
        h = host_of(u)
        if h and h not in hosts and not _REFERENCE_HOSTS.search(h):
            hosts.append(h)
    if len(hosts) > 1:
        words = {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) >= 2}
        own = [h for h in hosts if any(w in h for w in words)]
        hosts = own or hosts
    return hosts


def build_wikipedia(src: Path, out: Path) -> int:
    rows = []
    with (src / "wikipedia_perennial_sources.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            status = "|".join(json.loads(r["status"] or "[]"))
            hosts = _wiki_hosts(r["name"], json.loads(r["urls"] or "[]"))
            info = " ".join(r["info"].split())
            rows.append([r["name"].strip(), status, "|".join(hosts), r["wiki_url"].strip(), info])
    (out / "wikipedia").mkdir(exist_ok=True)
    _write_csv(out / "wikipedia" / "perennial_sources.csv", ["name", "status", "domains", "wiki_url", "info"], rows)
    return len(rows)


def _licence_files(src: Path, out: Path) -> None:
    shutil.copyfile(src / "state_media_matrix.LICENSE", out / "state_media_matrix.LICENSE")
    shutil.copyfile(src / "sites_of_concern.LICENSE", out / "sites_of_concern.LICENSE")
    shutil.copyfile(src / "specious_sites.LICENSE", out / "specious_sites_unreliable.LICENSE")
    (out / "lin2023_domain_pc1.ATTRIBUTION.md").write_text(
        "# Lin et al. 2023 domain quality ratings (pc1)\n\n"
        "Data: https://www.domain-quality.info and the authors' repository. The authors' README says:\n"
        "\"Feel free to reuse the data or contribute by opening a pull request or issue.\"\n"
        "No licence file accompanies the data; it is shipped here only with this attribution.\n\n"
        f"Citation: {LIN2023['attribution']}\n", encoding="utf-8")
    (out / "wikipedia" / "LICENSE.md").write_text(
        "# Licence of perennial_sources.csv (this folder only)\n\n"
        "This file is derived from the English Wikipedia page 'Wikipedia:Reliable sources/Perennial sources' "
        "(snapshot 2021-03-17) by Wikipedia contributors, and is licensed under the Creative Commons "
        "Attribution-ShareAlike 3.0 Unported licence (https://creativecommons.org/licenses/by-sa/3.0/), "
        "like the page text it comes from. Changes: statuses and domains restructured into columns; "
        "whitespace in the summaries collapsed. It is NOT covered by the licence of the rest of newstrace.\n"
        "Page history and authors: https://en.wikipedia.org/w/index.php?title="
        "Wikipedia:Reliable_sources/Perennial_sources&action=history\n", encoding="utf-8")


def build(src: Path, out: Path) -> dict:
    """Write every shipped file into ``out`` and return the manifest it also writes."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "wikipedia").mkdir(exist_ok=True)
    counts = {
        "state_media_matrix.csv": build_state_media(src, out),
        "sites_of_concern.csv": build_sites_of_concern(src, out),
        "specious_sites_unreliable.txt": build_specious(src, out),
        "lin2023_domain_pc1.csv": build_lin2023(src, out),
        "wikipedia/perennial_sources.csv": build_wikipedia(src, out),
    }
    _licence_files(src, out)
    lists = {
        "state_media_matrix.csv": {**STATE_MEDIA, "version": _digest(src / "state_media_matrix.csv"),
                                   "licence_file": "state_media_matrix.LICENSE"},
        "sites_of_concern.csv": {**SITES_OF_CONCERN, "version": _digest(src / "sites_of_concern.csv"),
                                 "licence_file": "sites_of_concern.LICENSE"},
        "specious_sites_unreliable.txt": {**SPECIOUS,
                                          "version": f"2024 ({_digest(src / 'specious_sites_unreliable.txt')})",
                                          "licence_file": "specious_sites_unreliable.LICENSE"},
        "lin2023_domain_pc1.csv": {**LIN2023, "licence_file": "lin2023_domain_pc1.ATTRIBUTION.md"},
        "wikipedia/perennial_sources.csv": {**WIKIPEDIA, "licence_file": "wikipedia/LICENSE.md"},
    }
    for name, n in counts.items():
        lists[name]["rows"] = n
    manifest = {"lists": lists, "aliases": {"file": "aliases.csv", "licence": "same as newstrace",
                                            "attribution": "curated by the newstrace authors"}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m newstrace.outlets.build SRC_DIR OUT_DIR")
    m = build(Path(sys.argv[1]), Path(sys.argv[2]))
    for k, v in m["lists"].items():
        print(f"{k:36} {v['rows']:6d} rows  {v['licence']}")
