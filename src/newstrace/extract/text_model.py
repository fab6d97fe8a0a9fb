"""The learned part of the plain-text extractor: P(line is article body).

A small gradient-boosted tree ensemble over line features (text_features.py), trained by
bench/train_text_model.py and shipped as plain JSON (``data/text_model/weights.json``): no
pickle, no scikit-learn at run time. Trees, not a linear model, because the evidence
interacts: a long sentence is body inside the main prose block and a comment after a
"34 responses" heading; a linear model cannot say "it depends".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newstrace.extract.text_features import FEATURE_VERSION, LineShape, context_features

MODEL_VERSION = "text.model.v1"
WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "text_model" / "weights.json"


@dataclass(frozen=True, slots=True)
class Tree:
    """Flat arrays; a node with left == -1 is a leaf whose value is added to the score."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    nan_left: np.ndarray

    def to_json(self) -> dict:
        return {
            "feature": self.feature.tolist(),
            "threshold": [float(f"{t:.7g}") for t in self.threshold],
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [float(f"{v:.7g}") for v in self.value],
            "nan_left": self.nan_left.astype(int).tolist(),
        }

    @staticmethod
    def from_json(d: dict) -> "Tree":
        return Tree(
            np.asarray(d["feature"], dtype=np.int64),
            np.asarray(d["threshold"], dtype=float),
            np.asarray(d["left"], dtype=np.int64),
            np.asarray(d["right"], dtype=np.int64),
            np.asarray(d["value"], dtype=float),
            np.asarray(d["nan_left"], dtype=bool),
        )

    def leaf_values(self, x: np.ndarray) -> np.ndarray:
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        for _ in range(64):  # depth bound: trees are shallow; guards against a corrupt file
            inner = self.left[node] >= 0
            if not inner.any():
                break
            v = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(v), self.nan_left[node], v <= self.threshold[node])
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.value[node]


@dataclass(frozen=True, slots=True)
class TextModel:
    trees: tuple[Tree, ...]
    baseline: float
    threshold: float = 0.5
    version: str = MODEL_VERSION

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        out = np.full(len(x), self.baseline)
        for tree in self.trees:
            out += tree.leaf_values(x)
        return out


def model_to_json(model: TextModel, meta: dict) -> dict:
    return {**meta, "version": model.version, "features": FEATURE_VERSION, "threshold": model.threshold,
            "baseline": model.baseline, "trees": [t.to_json() for t in model.trees]}


def load_text_model(path: str | Path | None = None) -> TextModel:
    """Read the shipped weights (or ``path``). Callers that extract many pages load once and pass it."""
    raw = Path(path or WEIGHTS).read_text("utf-8")
    d = json.loads(raw)
    if d.get("features") != FEATURE_VERSION:
        raise ValueError(f"text model was trained on {d.get('features')}, code computes {FEATURE_VERSION}")
    trees = tuple(Tree.from_json(t) for t in d["trees"])
    return TextModel(trees, float(d["baseline"]), float(d["threshold"]), d["version"])


def feature_matrix(shapes: list[LineShape]) -> np.ndarray:
    if not shapes:
        return np.zeros((0, 0))
    return np.asarray(context_features(shapes), dtype=float)


def body_probabilities(model: TextModel, shapes: list[LineShape]) -> list[float]:
    """P(body) for each line, in order."""
    if not shapes:
        return []
    z = np.clip(model.raw_scores(feature_matrix(shapes)), -30, 30)
    return (1.0 / (1.0 + np.exp(-z))).tolist()
