"""Sentence vectors carried in their chunk's record, as compact int8 text.

Each chunk record holds its sentence units (offsets into the article) and their
embeddings. The extractive backend then scores sentences without calling the model (a
question costs one embedding, not one per candidate sentence), and a chunk and its
sentence vectors are published in the same write, so the crash-safe protocol of
`vectorstore.publishing` covers them unchanged. Chroma metadata holds only scalars, hence
text: offsets as `a:b,a:b`, then `|`, then base64 of one float32 scale and `dim` int8
values per sentence (388 bytes a MiniLM sentence instead of 1,536; cosine similarity
moves by about 0.001).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

__all__ = ["decode_units", "encode_units"]


def encode_units(spans: Sequence[tuple[int, int]], vectors: np.ndarray) -> str:
    """Pack sentence offsets and their vectors (one row each) into one string.

    >>> v = np.array([[0.6, -0.8], [1.0, 0.0]], dtype=np.float32)
    >>> encode_units([(0, 5), (6, 9)], v)
    '0:5,6:9|oGnOO1+BBAIBPH8A'
    """
    rows = np.asarray(vectors, dtype=np.float32).reshape(len(spans), -1)
    scale = np.abs(rows).max(axis=1, initial=0.0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(rows / scale[:, None]), -127, 127).astype(np.int8)
    packed = b"".join(
        s.tobytes() + r.tobytes() for s, r in zip(scale.astype(np.float32), q, strict=True)
    )
    offsets = ",".join(f"{a}:{b}" for a, b in spans)
    return f"{offsets}|{base64.b64encode(packed).decode('ascii')}"


def decode_units(text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The offsets and vectors `encode_units` packed; nothing for an empty or bad string.

    >>> v = np.array([[0.6, -0.8], [1.0, 0.0]], dtype=np.float32)
    >>> spans, back = decode_units(encode_units([(0, 5), (6, 9)], v))
    >>> spans, bool(np.abs(back - v).max() < 0.01)
    ([(0, 5), (6, 9)], True)
    """
    empty: tuple[list[tuple[int, int]], np.ndarray] = ([], np.zeros((0, 0), dtype=np.float32))
    head, _, body = text.partition("|")
    if not head or not body:
        return empty
    try:
        spans = [(int(a), int(b)) for a, b in (p.split(":") for p in head.split(","))]
        raw = base64.b64decode(body, validate=True)
    except ValueError:
        return empty
    n = len(spans)
    if n == 0 or len(raw) % n or len(raw) // n <= 4:
        return empty
    dim = len(raw) // n - 4
    record = np.dtype([("scale", "<f4"), ("q", "i1", (dim,))])
    rows = np.frombuffer(raw, dtype=record)
    return spans, rows["q"].astype(np.float32) * rows["scale"][:, None]
