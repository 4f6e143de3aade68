"""Linking scripts through the model files they save and load.

A training script that saves `emotion.h5` and a webcam script that loads it
are one pipeline: the webcam frames must be prepared like the training
images. Each script leaves a small summary of what it saved and what it fed
to the models it loaded (made by `ferlint.linking_analysis`); `link` compares
them across the whole run. This module is plain data, so cached summaries
load without the analysis.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ferlint.findings import Finding, Fix, Related, Span


@dataclass(frozen=True)
class Place:
    path: str
    span: Span
    text: str  # the code there, for messages


@dataclass(frozen=True)
class ImageSummary:
    """What a pipeline does to its images, and where each property is decided."""

    spatial: tuple | None
    channels: int | None
    order: str | None
    scaling: str | None
    scaling_words: str
    places: dict = field(default_factory=dict)  # property -> Place


@dataclass(frozen=True)
class SavedModel:
    file: str  # the model file, resolved against the saving script's folder
    name: str  # as the script writes it
    script: str
    input_shape: tuple | None
    training: ImageSummary | None


@dataclass(frozen=True)
class LoadedUse:
    file: str
    name: str
    script: str
    role: str
    images: ImageSummary


def resolve(script: str, name: str) -> str:
    folder = os.path.dirname(os.path.abspath(script))
    return os.path.normpath(os.path.join(folder, name))


def link(saved: list[SavedModel], uses: list[LoadedUse]) -> list[Finding]:
    """FER013 where a loaded model gets data prepared unlike its training data."""
    by_file: dict[str, list[SavedModel]] = {}
    by_name: dict[str, list[SavedModel]] = {}
    for model in saved:
        by_file.setdefault(model.file, []).append(model)
        by_name.setdefault(os.path.normpath(model.name), []).append(model)
    findings = []
    for use in uses:
        # The same file next to both scripts, or the same path written in both
        # (scripts run from the project's root): one model, or no link at all.
        candidates = by_file.get(use.file) or by_name.get(
            os.path.normpath(use.name), []
        )
        if len(candidates) != 1 or candidates[0].script == use.script:
            continue  # unknown, ambiguous, or already compared within the script
        findings.extend(_compare(candidates[0], use))
    return findings


def _compare(model: SavedModel, use: LoadedUse) -> list[Finding]:
    found = []
    images, training = use.images, model.training
    shape = model.input_shape
    if shape is not None and images.spatial is not None and None not in shape[:2]:
        if tuple(images.spatial) != tuple(shape[:2]):
            found.append(
                _skew(
                    use,
                    model,
                    "size",
                    f"at {images.spatial[0]}x{images.spatial[1]}",
                    f"takes {shape[0]}x{shape[1]}",
                    f"resize to ({shape[0]}, {shape[1]}) as the training script does",
                )
            )
    if training is None:
        return found
    if images.channels and training.channels and images.channels != training.channels:
        found.append(
            _skew(
                use,
                model,
                "channels",
                f"with {images.channels} channel(s)",
                f"was trained on {training.channels} channel(s)",
                "convert the frames to the training images' channels",
            )
        )
    colour = {images.order, training.order} == {"bgr", "rgb"}
    if colour and images.channels == training.channels == 3:
        found.append(
            _skew(
                use,
                model,
                "order",
                f"in {images.order.upper()} order",
                f"was trained on {training.order.upper()} images",
                "convert with cv2.cvtColor to the training images' channel order",
            )
        )
    if images.scaling and training.scaling and images.scaling != training.scaling:
        found.append(
            _skew(
                use,
                model,
                "scaling",
                f"as {images.scaling_words}",
                f"was trained on {training.scaling_words}",
                "scale the frames exactly like the training images",
            )
        )
    return found


def _skew(use, model, prop: str, seen: str, trained: str, fix: str) -> Finding | None:
    place = use.images.places.get(prop)
    if place is None:
        return None
    related = ()
    origin = model.training.places.get(prop) if model.training else None
    if origin is not None:
        what = {"size": "sized", "channels": "loaded", "order": "loaded"}.get(
            prop, "scaled"
        )
        related = (
            Related(
                origin.path,
                origin.span,
                f"the training data of {model.name} is {what} here",
            ),
        )
    word = {"predict": "prediction", "evaluate": "evaluation"}.get(use.role, use.role)
    return Finding(
        code="FER013",
        path=place.path,
        span=place.span,
        message=(
            f"The {word} data reaches the model loaded from {use.name!r} {seen} "
            f"(`{place.text}`), but that model, saved by {model.script}, {trained}: "
            "its predictions here are unreliable however well it trained."
        ),
        fix=Fix(fix),
        related=related,
    )
