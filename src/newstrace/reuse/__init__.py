"""Text reuse: fingerprint bodies, find candidate pairs, verify them, and build stories (origin,
copy tree, typed edits). Pure functions over model records; the store runs the corpus joins."""

from newstrace.reuse.align import Block, Gap, align, passages
from newstrace.reuse.candidates import CandidateParams, candidate_pairs, candidate_sql
from newstrace.reuse.edits import diff
from newstrace.reuse.fingerprint import FingerprintParams, permutations, signature, signature_from_body
from newstrace.reuse.lineage import build_story, components, copy_tree, story_id
from newstrace.reuse.origin import origin_scores, pick_origin
from newstrace.reuse.text import Shingled, shingle_article
from newstrace.reuse.verify import CommonShingles, VerifyParams, common_shingles, verify

__all__ = ["Block", "CandidateParams", "CommonShingles", "FingerprintParams", "Gap", "Shingled", "VerifyParams",
           "align", "build_story", "candidate_pairs", "candidate_sql", "common_shingles", "components", "copy_tree",
           "diff", "origin_scores", "passages", "permutations", "pick_origin", "shingle_article", "signature",
           "signature_from_body", "story_id", "verify"]
