"""The `onnx` embedding backend: the same MiniLM under ONNX Runtime, int8, without torch.

Why: importing sentence-transformers (and torch) costs ~5 s per process and the fp32
model embeds ~160 chunks/s on 2 cores. This backend exports the model to ONNX once
(with `torch.onnx.export`), quantises its MatMul weights to int8 per output channel
(`onnxruntime.quantization.quantize_dynamic`; the six feed-forward output projections
stay fp32, see `_FFN_OUT`), caches the file, and from then on runs it
with `onnxruntime` and the `tokenizers` package alone: mean pooling over the attention
mask, then L2 normalisation, as sentence-transformers does for all-MiniLM-L6-v2.

Promises: mean cosine >= 0.99 to the sentence-transformers embeddings, worst text >= 0.98
(tested; int8 activations are scaled per batch, so short texts drift most); once the
cached file exists, neither torch nor transformers is imported. The concessions: the
first use of a model pays the export (~10-20 s, needs torch and transformers); the
cache is keyed by the model folder's path and its weights' size and mtime, so editing
the weights in place re-exports, but nothing else is checked; only BERT-style models
with mean pooling (the sentence-transformers default) are supported. Each export is
checked against the model itself under torch on probe texts of several lengths
(`export_agreement`), so a model the tracer cannot capture (MPNet, whose relative
positions it fixes at the dummy input's length) is refused with a message naming the
`sentence-transformers` backend instead of being cached wrong.

The cache lives in `$XDG_CACHE_HOME/articleqa/onnx/<key>/` (`~/.cache/...` by default);
pass `cache_dir=` to `onnx_embeddings()` to put it elsewhere. Files are written to a
temporary folder beside it and renamed into place, so a killed export leaves no
half-written model behind and two processes exporting at once both end well.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .embeddings import register_embedder
from .errors import EmbeddingModelError
from .notices import notice
from .settings import default_onnx_cache_dir

if TYPE_CHECKING:
    import onnxruntime
    from langchain_core.embeddings import Embeddings
    from tokenizers import Tokenizer

__all__ = [
    "MAX_SEQ_TOKENS",
    "ONNX_BATCH_SIZE",
    "OnnxEncoder",
    "batch_order",
    "export_agreement",
    "export_onnx",
    "max_seq_tokens",
    "mean_pool_normalise",
    "onnx_embeddings",
    "physical_cores",
    "quiet_export",
]

log = logging.getLogger(__name__)

MAX_SEQ_TOKENS = 256  # tokens per text when the model folder does not say (MiniLM's value)
ONNX_BATCH_SIZE = 8  # texts per forward pass, cut from length-sorted texts (measured fastest)
TOKENIZE_SLICE = 4096  # texts tokenised per call: bounds the tokenizer's per-text objects
MODEL_FILE = "model.int8.onnx"  # the quantised model inside a cache folder
_OPSET = 17  # ONNX opset for the export; onnxruntime >= 1.14 runs it
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# The feed-forward output projections (1536 -> 384, fed by GELU activations with outliers)
# stay fp32: quantising them too is ~15% faster but drops the worst cosine to ~0.987.
_FFN_OUT = re.compile(r"layer\.\d+/output/dense/MatMul$")
EXPORT_MIN_COSINE = 0.95  # an export must agree this well with the model (MiniLM: ~0.99)
# Probe texts of several lengths: a trace that fixed the sequence length fails on them.
PROBES = (
    "Fog.",
    "The council voted 7-4 on Tuesday night to build a new £14.2 million library.",
    "Russian peacekeepers evacuated more than 2,000 people, including 1,049 children, from "
    "the villages along the corridor after a night of shelling, the ministry said, adding "
    "that talks on a ceasefire would resume in Yevlakh on Thursday afternoon.",
)
PREPARING = "preparing the embedding model, once, about 10-20 s"  # said before an export
# What the export of a BERT model is expected to say, to no one's benefit: torch's tracer
# on a Python bool in transformers' masking, the opset-17 rewrite of advanced indexing,
# and onnxruntime asking for a pre-processing pass that dynamic quantisation does not need.
_EXPECTED_WARNINGS = (
    "Converting a tensor to a Python boolean might cause the trace to be incorrect",
    "Exporting aten::index operator of advanced indexing",
)
_EXPECTED_LOG = "Please consider to run pre-processing before quantization"


def onnx_embeddings(model_path: str, cache_dir: str | os.PathLike[str] | None = None) -> Embeddings:
    """LangChain `Embeddings` over the int8 ONNX export of `model_path` (exported if needed).

    >>> emb = onnx_embeddings("/path/to/all-MiniLM-L6-v2")          # doctest: +SKIP
    >>> len(emb.embed_query("Who evacuated the children?"))         # doctest: +SKIP
    384
    """
    return cast("Embeddings", _langchain_class()(model_path, cache_dir))


class OnnxEncoder:
    """The model under ONNX Runtime, with LangChain's `embed_documents`/`embed_query`.

    A plain class so that importing this module (which `vectorstore.embeddings` does to
    register the backend) does not import langchain_core; `onnx_embeddings()` returns it
    mixed into a real `langchain_core.embeddings.Embeddings` subclass.
    """

    def __init__(
        self,
        model_path: str,
        cache_dir: str | os.PathLike[str] | None = None,
        batch_size: int = ONNX_BATCH_SIZE,
        threads: int | None = None,
    ) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        onnx_file = export_onnx(model_path, cache_dir)
        self.onnx_file = onnx_file
        self._session = _session(onnx_file, threads or physical_cores())
        self._input_names = {i.name for i in self._session.get_inputs()}
        self._tokenizer = _tokenizer(model_path)
        self._pad_id = self._tokenizer.token_to_id("[PAD]") or 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text, in the order given.

        Every text is tokenised once (truncated to the model's maximum length); batches
        are then cut from the texts sorted by token count, so a batch is padded only to
        its own longest text, and the rows are put back in the order given. Ties sort by
        text, so the batches, hence the vectors, do not depend on the order given.
        """
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        ids = self._token_ids(texts)
        order = batch_order([len(i) for i in ids], texts)
        out: np.ndarray | None = None
        for a in range(0, len(order), self.batch_size):
            idx = order[a : a + self.batch_size]
            vectors = self._embed_batch([ids[i] for i in idx])
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[idx] = vectors
        assert out is not None
        return out

    def _token_ids(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each text's token ids (the tokenizer's fast batch encode, a slice at a time)."""
        ids: list[np.ndarray] = []
        for a in range(0, len(texts), TOKENIZE_SLICE):
            encodings = self._tokenizer.encode_batch(list(texts[a : a + TOKENIZE_SLICE]))
            ids.extend(np.asarray(e.ids, dtype=np.int32) for e in encodings)
        return ids

    def _embed_batch(self, ids: Sequence[np.ndarray]) -> np.ndarray:
        """Embed one batch of token id rows, right-padded to the longest."""
        tokens = np.full((len(ids), max(len(i) for i in ids)), self._pad_id, dtype=np.int64)
        mask = np.zeros_like(tokens)
        for row, row_ids in enumerate(ids):
            tokens[row, : len(row_ids)] = row_ids
            mask[row, : len(row_ids)] = 1
        feed = {
            "input_ids": tokens,
            "attention_mask": mask,
            "token_type_ids": np.zeros_like(tokens),  # one sequence per text: segment 0
        }
        feed = {k: v for k, v in feed.items() if k in self._input_names}
        (hidden,) = self._session.run(["last_hidden_state"], feed)
        return mean_pool_normalise(hidden, mask)


def batch_order(lengths: Sequence[int], texts: Sequence[str]) -> list[int]:
    """Indices of `texts` by token count, ties by text: the order batches are cut in.

    >>> batch_order([5, 3, 5, 3], ["b", "z", "a", "y"])
    [3, 1, 2, 0]
    """
    return sorted(range(len(texts)), key=lambda i: (lengths[i], texts[i]))


def physical_cores() -> int:
    """Physical cores this process may run on (its CPU affinity; hyper-threads count once).

    One ONNX Runtime thread per physical core, as ORT's own default; counted here so that
    a process pinned to fewer CPUs (taskset, a container's cpuset) does not start more
    threads than it may run on.
    """
    try:
        allowed = os.sched_getaffinity(0)
    except AttributeError:  # not Linux: no affinity or topology to read
        return os.cpu_count() or 1
    cores = set()
    for cpu in allowed:
        siblings = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        try:
            cores.add(siblings.read_text().strip())
        except OSError:
            cores.add(str(cpu))
    return max(1, len(cores))


def mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors where `mask` is 1, scaled to unit length.

    >>> h = np.array([[[3.0, 0.0], [0.0, 4.0], [9.0, 9.0]]])
    >>> mean_pool_normalise(h, np.array([[1, 1, 0]])).astype(float).round(2).tolist()
    [[0.6, 0.8]]
    """
    m = mask[..., None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    pooled = summed / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def export_onnx(model_path: str, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cached int8 ONNX file for `model_path`, exporting it first if missing.

    Only the export imports torch and transformers; a cache hit imports neither.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_onnx_cache_dir()
    target = folder / _cache_key(model_path) / MODEL_FILE
    if target.is_file():
        return target
    if not (Path(model_path) / "tokenizer.json").is_file():
        raise EmbeddingModelError(
            f"The onnx embedding backend needs a local model folder with a tokenizer.json; "
            f"{model_path!r} is not one. Point ARTICLEQA_EMBEDDING_MODEL at such a folder or "
            "use ARTICLEQA_EMBEDDING_BACKEND=sentence-transformers."
        )
    notice(PREPARING)
    log.info("exporting %s to ONNX (once; cached in %s)", model_path, target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".export-") as tmp:
        fp32 = Path(tmp) / "model.onnx"
        int8 = Path(tmp) / MODEL_FILE
        try:
            with quiet_export():
                _export_fp32(model_path, fp32)
                _quantise(fp32, int8)
                agreement = export_agreement(model_path, int8)
        except (ImportError, OSError, RuntimeError, ValueError) as e:
            raise EmbeddingModelError(
                f"Cannot export {model_path!r} to ONNX ({type(e).__name__}: {e}). The export "
                "needs torch and transformers (`pip install torch==2.13.0 transformers`); or "
                "use ARTICLEQA_EMBEDDING_BACKEND=sentence-transformers."
            ) from e
        if agreement < EXPORT_MIN_COSINE:  # a wrong model is worse than a slow one
            raise EmbeddingModelError(
                f"The ONNX export of {model_path!r} does not reproduce the model: its vectors "
                f"agree with the model's own at cosine {agreement:.2f} on a probe text, and "
                f"at least {EXPORT_MIN_COSINE} is needed (the onnx backend supports BERT-style "
                "models). Use ARTICLEQA_EMBEDDING_BACKEND=sentence-transformers for this model."
            )
        os.replace(int8, target)  # atomic: readers see no file or the whole file
    return target


def export_agreement(model_path: str, onnx_file: Path) -> float:
    """The worst cosine, over `PROBES` of several lengths, between the exported model's
    mean-pooled vectors and those of the model itself under torch. An export that traced
    something fixed (MPNet's relative positions for the dummy's 16 tokens) scores near 0;
    MiniLM's int8 export scores about 0.99."""
    import inspect

    import torch
    from transformers import AutoModel

    # A fresh load, not the model the export traced: reusing that one was tried and
    # agreed with MiniLM's good export at 0.94 only (tracing leaves it altered).
    model = AutoModel.from_pretrained(model_path, local_files_only=True)
    model.eval()
    accepted = set(inspect.signature(model.forward).parameters)
    session = _session(onnx_file, 1)
    inputs = {i.name for i in session.get_inputs()}
    tokenizer = _tokenizer(model_path)
    worst = 1.0
    for text in PROBES:
        ids = np.asarray([tokenizer.encode(text).ids], dtype=np.int64)
        mask = np.ones_like(ids)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = session.run(["last_hidden_state"], {k: feed[k] for k in inputs})
        with torch.inference_mode():
            own = {k: torch.from_numpy(v) for k, v in feed.items() if k in accepted}
            reference = model(**own).last_hidden_state.numpy()
        a, b = mean_pool_normalise(hidden, mask), mean_pool_normalise(reference, mask)
        worst = min(worst, float((a * b).sum()))
    return worst


@contextmanager
def quiet_export() -> Iterator[None]:
    """Hide the export's expected warnings, its progress bar and onnxruntime's advice.

    Only those: any other warning, log record or error passes as usual. The concession:
    `warnings.catch_warnings` changes process-wide state, so a warning another thread
    raises with one of the expected messages during an export is hidden too.
    """
    root = logging.getLogger()  # onnxruntime's quantiser logs its advice on the root
    advice = _DropMessage(_EXPECTED_LOG)
    bars = _transformers_bars(False)
    root.addFilter(advice)
    try:
        with warnings.catch_warnings():
            for message in _EXPECTED_WARNINGS:
                warnings.filterwarnings("ignore", message=re.escape(message))
            yield
    finally:
        root.removeFilter(advice)
        if bars:
            _transformers_bars(True)


class _DropMessage(logging.Filter):
    """Drops log records whose message starts with `prefix`."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.prefix)


def _transformers_bars(enabled: bool) -> bool:
    """Turn transformers' progress bars ("Loading weights") on or off; return the old state."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # the export will say that it needs transformers
        return False
    was = hf_logging.is_progress_bar_enabled()
    if enabled:
        hf_logging.enable_progress_bar()
    else:
        hf_logging.disable_progress_bar()
    return was


def _cache_key(model_path: str) -> str:
    """Stable per model folder and weights version: sha256 of path, size and mtime."""
    path = Path(model_path).resolve()
    h = hashlib.sha256(str(path).encode())
    for weights in ("model.safetensors", "pytorch_model.bin"):
        f = path / weights
        if f.is_file():
            st = f.stat()
            h.update(f"{weights}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16] + "-q8mm-ffnout32"


def _export_fp32(model_path: str, out: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(
        model_path, local_files_only=True, attn_implementation="eager"
    )
    model.eval()

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(
            self, input_ids: Any, attention_mask: Any, token_type_ids: Any
        ) -> Any:  # pragma: no cover - traced, not called
            return self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state

    dummy = tuple(torch.ones((2, 16), dtype=torch.int64) for _ in _INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in _INPUTS}
    axes["last_hidden_state"] = {0: "batch", 1: "tokens"}
    with torch.inference_mode():
        torch.onnx.export(
            _Hidden(model),
            dummy,
            str(out),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=_OPSET,
            dynamo=False,
        )


def _quantise(fp32: Path, int8: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    keep_fp32 = [n.name for n in graph.node if n.op_type == "MatMul" and _FFN_OUT.search(n.name)]
    quantize_dynamic(
        str(fp32),
        str(int8),
        op_types_to_quantize=["MatMul"],
        per_channel=True,
        weight_type=QuantType.QInt8,
        nodes_to_exclude=keep_fp32,
    )


def _session(onnx_file: Path, threads: int) -> onnxruntime.InferenceSession:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1  # the graph is one chain: nothing runs side by side
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    # Idle worker threads sleep instead of busy-waiting for work: with the cores shared
    # (other processes, Chroma's own threads) spinning cost ~10-15% more CPU per text.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return onnxruntime.InferenceSession(
            str(onnx_file), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as e:  # onnxruntime raises its own untyped Fail/InvalidGraph errors
        shutil.rmtree(onnx_file.parent, ignore_errors=True)  # re-export next time
        raise EmbeddingModelError(
            f"Cannot load the cached ONNX model {onnx_file} ({e}); it was removed and will be "
            "exported again on the next run."
        ) from e


def _tokenizer(model_path: str) -> Tokenizer:
    """The model's fast tokenizer, truncating at its maximum length, without padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    tok.enable_truncation(max_length=max_seq_tokens(model_path))
    tok.no_padding()  # batches are padded to their own longest text in `_embed_batch`
    return tok


def max_seq_tokens(model_path: str) -> int:
    """The model's `max_seq_length` (sentence_bert_config.json), else `MAX_SEQ_TOKENS`."""
    try:
        config = json.loads((Path(model_path) / "sentence_bert_config.json").read_text())
        return int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return MAX_SEQ_TOKENS


@functools.cache
def _langchain_class() -> type[OnnxEncoder]:
    from langchain_core.embeddings import Embeddings

    class OnnxEmbeddings(OnnxEncoder, Embeddings):
        """`OnnxEncoder` as a LangChain `Embeddings`."""

    return OnnxEmbeddings


@register_embedder("onnx")
def _onnx(model_path: str) -> Embeddings:
    # The plain encoder, not the LangChain subclass: it has every method the store and the
    # retriever call, and answering a question then never imports langchain-core (~0.6 s
    # of a cold start). `onnx_embeddings()` gives the real subclass.
    return cast("Embeddings", OnnxEncoder(model_path))
