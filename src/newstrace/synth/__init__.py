"""Synthetic republication crawls for tests and benchmarks, and the bundled demo crawl.

``generate_crawl`` writes WARC/WET files plus ``truth.jsonl`` (who copied whom, which edits);
``load_texts`` gives the source articles; ``demo_paths`` locates the small crawl shipped with the
package (the seed RT case plus generated stories)."""

from newstrace.synth.crawl import CrawlPaths, generate_crawl
from newstrace.synth.demo import demo_paths, demo_truth_path
from newstrace.synth.texts import SourceText, load_texts

__all__ = ["CrawlPaths", "SourceText", "demo_paths", "demo_truth_path", "generate_crawl", "load_texts"]
