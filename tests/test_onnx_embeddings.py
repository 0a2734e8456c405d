"""The `onnx` embedding backend against the real sentence-transformers model.

The export runs once per session into a temporary cache folder (~20 s), hence `slow`
for every test that needs the model.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

import vectorstore.onnx_embeddings as onnx_embeddings_module
from vectorstore import StoreSettings, available_embedders, get_embeddings, split_sentences
from vectorstore.embeddings import resolve_model_path
from vectorstore.errors import EmbeddingModelError
from vectorstore.onnx_embeddings import (
    MAX_SEQ_TOKENS,
    MODEL_FILE,
    OnnxEncoder,
    batch_order,
    export_agreement,
    export_onnx,
    max_seq_tokens,
    mean_pool_normalise,
    onnx_embeddings,
    physical_cores,
)

MODEL = resolve_model_path("all-MiniLM-L6-v2")
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_11571fa2a61f8d64.txt"
SENTENCES = [
    "How many children were evacuated?",
    "Kids were taken out of the town.",
    "Q3 revenue rose 4.7% to $12.3bn, the company said on Tuesday.",
    " ".join(["A long paragraph about the talks that runs past the token limit."] * 60),
]


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [text[a:b] for a, b in split_sentences(text)] + SENTENCES


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="session")
def onnx_model(onnx_cache: Path) -> OnnxEncoder:
    model = onnx_embeddings(MODEL, cache_dir=onnx_cache)
    assert isinstance(model, Embeddings) and isinstance(model, OnnxEncoder)
    return model


@pytest.mark.slow
def test_an_export_that_does_not_reproduce_the_model_is_refused(
    onnx_model: OnnxEncoder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real export is compared with the real model under torch; MiniLM agrees at
    about 0.99. A bar no export can meet shows the refusal: nothing is cached, and the
    message says which backend to use instead."""
    assert export_agreement(MODEL, onnx_model.onnx_file) > 0.97
    monkeypatch.setattr(onnx_embeddings_module, "EXPORT_MIN_COSINE", 1.01)
    with pytest.raises(EmbeddingModelError, match="ARTICLEQA_EMBEDDING_BACKEND=sentence-tr"):
        export_onnx(MODEL, tmp_path)
    assert not list(tmp_path.rglob(MODEL_FILE))


def test_registered_without_importing_langchain() -> None:
    assert "onnx" in available_embedders()
    code = "import sys, vectorstore; assert 'langchain_core' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.slow
def test_export_is_cached_atomically(onnx_model: OnnxEncoder, onnx_cache: Path) -> None:
    files = sorted(p.relative_to(onnx_cache) for p in onnx_cache.rglob("*") if p.is_file())
    assert [f.name for f in files] == [MODEL_FILE]  # no temporary export left behind
    assert onnx_model.onnx_file.is_relative_to(onnx_cache)


@pytest.mark.slow
def test_cosine_to_sentence_transformers(onnx_model: OnnxEncoder) -> None:
    """Batched (documents) and one at a time (queries): mean cosine >= 0.99, worst >= 0.98.

    Dynamic int8 quantisation scales activations per batch, so single short texts drift
    most (worst seen: 0.987 for a sentence of the seed article).
    """
    texts = seed_sentences()
    st = get_embeddings(StoreSettings(embedding_backend="sentence-transformers"))
    reference = np.asarray(st.embed_documents(texts))
    batch = np.asarray(onnx_model.embed_documents(texts))
    single = np.asarray([onnx_model.embed_query(t) for t in texts])
    assert batch.shape == reference.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    for ours in (batch, single):  # also proves the length-sorting keeps the input order
        cosine = (ours * reference).sum(axis=1)
        assert cosine.mean() >= 0.99, cosine
        assert cosine.min() >= 0.98, cosine


@pytest.mark.slow
def test_cached_model_runs_without_torch(onnx_model: OnnxEncoder, onnx_cache: Path) -> None:
    code = (
        "import sys\n"
        "from vectorstore.onnx_embeddings import OnnxEncoder\n"
        f"e = OnnxEncoder({MODEL!r}, cache_dir={str(onnx_cache)!r})\n"
        "e.embed_query('who evacuated the children?')\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'langchain_core')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_mean_pool_ignores_padding() -> None:
    hidden = np.array([[[3.0, 0.0], [0.0, 4.0], [100.0, 100.0]]])
    out = mean_pool_normalise(hidden, np.array([[1, 1, 0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8]], atol=1e-6)


def test_not_a_model_folder_says_what_to_do(tmp_path: Path) -> None:
    from vectorstore import EmbeddingModelError

    with pytest.raises(EmbeddingModelError, match="ARTICLEQA_EMBEDDING_BACKEND"):
        onnx_embeddings(str(tmp_path / "nowhere"), cache_dir=tmp_path / "cache")


@pytest.mark.slow
def test_vectors_do_not_depend_on_the_order_given(onnx_model: OnnxEncoder) -> None:
    """Batches are cut from length-sorted texts (ties by text), then rows are put back."""
    texts = seed_sentences()
    forward = onnx_model.encode(texts)
    np.testing.assert_array_equal(onnx_model.encode(texts[::-1]), forward[::-1])


@pytest.mark.slow
def test_texts_are_truncated_at_the_models_maximum(onnx_model: OnnxEncoder) -> None:
    long = SENTENCES[-1]  # ~800 tokens, far over the 256 the model takes
    both = onnx_model.encode([long, long + " And a tail the model never sees." * 20])
    np.testing.assert_array_equal(both[0], both[1])


@pytest.mark.parametrize(
    ("lengths", "texts", "order"),
    [
        ([5, 3, 5, 3], ["b", "z", "a", "y"], [3, 1, 2, 0]),
        ([2, 2, 1], ["x", "x", "y"], [2, 0, 1]),
        ([], [], []),
    ],
)
def test_batch_order(lengths: list[int], texts: list[str], order: list[int]) -> None:
    assert batch_order(lengths, texts) == order


def test_max_seq_tokens_reads_the_model_folder(tmp_path: Path) -> None:
    assert max_seq_tokens(MODEL) == 256  # all-MiniLM-L6-v2's sentence_bert_config.json
    assert max_seq_tokens(str(tmp_path)) == MAX_SEQ_TOKENS
    (tmp_path / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    assert max_seq_tokens(str(tmp_path)) == 128


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux CPU affinity")
def test_physical_cores_is_within_what_the_process_may_use() -> None:
    assert 1 <= physical_cores() <= len(os.sched_getaffinity(0))
