"""The learned part of the plain-text extractor: P(line is article body).

A small gradient-boosted tree ensemble over line features (text_features.py), trained by
bench/train_text_model.py and shipped as plain JSON (``data/text_model/weights.json``): no
pickle, no scikit-learn at run time. Trees, not a linear model, because the evidence
interacts: a long sentence is body inside the main prose block and a comment after a
"34 responses" heading; a linear model cannot say "it depends".

Two passes (a stacked sequence model, a light CRF): the second ensemble sees each line's
features plus the first pass's P(body) of its neighbours and of the main prose block, so a
teaser between menus loses and a short line between two body paragraphs gains. The second pass
is trained on out-of-fold first-pass verdicts, the kind it meets at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newstrace.extract.text_features import FEATURE_VERSION, LineShape, context_features, stack_features

MODEL_VERSION = "text.model.v2"
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
class Ensemble:
    """A sum of trees plus a baseline: the log-odds of body."""

    trees: tuple[Tree, ...]
    baseline: float

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        out = np.full(len(x), self.baseline)
        for tree in self.trees:
            out += tree.leaf_values(x)
        return out

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = np.clip(self.raw_scores(x), -30, 30)
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {"baseline": self.baseline, "trees": [t.to_json() for t in self.trees]}

    @staticmethod
    def from_json(d: dict) -> "Ensemble":
        return Ensemble(tuple(Tree.from_json(t) for t in d["trees"]), float(d["baseline"]))


@dataclass(frozen=True, slots=True)
class TextModel:
    """Two passes: ``first`` scores each line from its own features and its neighbourhood's
    shape; ``second`` (optional) rescores it from the same features plus the first pass's
    verdicts on the lines around it (text_features.stack_features)."""

    first: Ensemble
    second: Ensemble | None = None
    threshold: float = 0.5
    version: str = MODEL_VERSION


def model_to_json(model: TextModel, meta: dict) -> dict:
    return {**meta, "version": model.version, "features": FEATURE_VERSION, "threshold": model.threshold,
            "first": model.first.to_json(), "second": model.second.to_json() if model.second else None}


def load_text_model(path: str | Path | None = None) -> TextModel:
    """Read the shipped weights (or ``path``). Callers that extract many pages load once and pass it."""
    raw = Path(path or WEIGHTS).read_text("utf-8")
    d = json.loads(raw)
    if d.get("features") != FEATURE_VERSION:
        raise ValueError(f"text model was trained on {d.get('features')}, code computes {FEATURE_VERSION}")
    second = Ensemble.from_json(d["second"]) if d.get("second") else None
    return TextModel(Ensemble.from_json(d["first"]), second, float(d["threshold"]), d["version"])


def feature_matrix(shapes: list[LineShape]) -> np.ndarray:
    if not shapes:
        return np.zeros((0, 0))
    return np.asarray(context_features(shapes), dtype=float)


def second_pass_matrix(x: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The second model's input: the first's features, then the stacked ones. Column 0 of
    ``x`` is log(1 + words), the weight a line's verdict carries in its neighbourhood."""
    return np.hstack([x, np.asarray(stack_features(first.tolist(), x[:, 0].tolist()), dtype=float)])


def body_probabilities(model: TextModel, shapes: list[LineShape]) -> list[float]:
    """P(body) for each line, in order: the second pass's when the model has one."""
    if not shapes:
        return []
    x = feature_matrix(shapes)
    p = model.first.probabilities(x)
    if model.second is not None:
        p = model.second.probabilities(second_pass_matrix(x, p))
    return p.tolist()
