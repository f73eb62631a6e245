"""spaCy's NER: the place names it finds in texts, read in this process or, for a build's workers, in one
process that serves them all.

Loading the model costs each process that does it 3-4 s of CPU and 250 MB, more than a worker spends on
dozens of articles: a build's workers send each chunk's texts to one :class:`NerService` and wait for their
names. The texts of a chunk are read there in the batches the worker itself would make (:func:`ner_spans`),
so the answers are the same. This module imports neither spaCy (until a text is read) nor the extraction
rules: the service's process starts with what it needs.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import pickle
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.extract.regexes import recording, restore
from geomap.settings import Settings

#: Reads texts with spaCy's NER: (model, texts) -> each text's place names as character spans.
NerReader = Callable[[str, list[str]], list[list[tuple[int, int]]]]


def ner_spans(model: str, texts: list[str], *, settings: Settings) -> list[list[tuple[int, int]]]:
    """The place names (LOC, GPE) spaCy's NER ``model`` finds in each text, as character spans, read in
    batches through ``nlp.pipe``: the same batches wherever it runs, so the same answers."""
    nlp = _load_spacy(model, settings.data_dir)
    batch = settings.performance.ner_batch_sentences
    return [
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("LOC", "GPE")]
        for doc in nlp.pipe(texts, batch_size=batch)
    ]


@lru_cache(maxsize=2)
def _load_spacy(model: str, regex_dir: Path | None = None) -> Any:
    """The model with only what the NER needs; ``regex_dir`` keeps the compiled form of the French
    tokenizer's huge pattern between processes (:mod:`geomap.extract.regexes`): 5 s of CPU each time."""
    if regex_dir is None:
        return _load_ner(model)
    restore(regex_dir)
    with recording(regex_dir):
        return _load_ner(model)


#: Parts of a model's vocabulary the NER does without: its strings (fr_core_news_md: 710,000, 1.2 s of CPU
#: and 140 MB to load) only turn hashes back into text. The NER reads a token's attributes and vectors by
#: hash, and the labels it gives are its own (loaded with it); a text's new strings are added as it is read.
VOCAB_LEFT_OUT = ("strings",)


def _load_ner(model: str, *, left_out: tuple[str, ...] = VOCAB_LEFT_OUT) -> Any:
    import spacy

    names = _pipe_names(model)
    if names is None:  # not an installed package: the parser and lemmatizer would triple the cost
        return spacy.load(model, disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])
    # Only the NER is needed: the other components (the tagger, parser and lemmatizer, and the tok2vec layer
    # that feeds them, not the NER, which has its own) are not even loaded.
    nlp = spacy.load(model, exclude=[*(name for name in names if name != "ner"), *left_out])
    ner: Any = nlp.get_pipe("ner")
    if any(node.name == "tok2vec-listener" for node in ner.model.walk()):
        # A model whose NER listens to a shared tok2vec layer needs that layer.
        nlp = spacy.load(model, exclude=[*(name for name in names if name not in ("ner", "tok2vec")), *left_out])
    return nlp


def _pipe_names(model: str) -> list[str] | None:
    """The components of an installed spaCy model, from its meta.json (nothing is loaded); None when it is
    not an installed package."""
    import spacy.util

    if not spacy.util.is_package(model):
        return None
    metas = sorted(spacy.util.get_package_path(model).glob("*/meta.json"))
    if not metas:
        return None
    meta = spacy.util.load_meta(metas[0])
    return [str(name) for name in meta.get("components") or meta.get("pipeline") or []]


@dataclass(frozen=True, slots=True, kw_only=True)
class NerChannel:
    """The queues between the workers and the build's NER: requests ``(slot, model, texts)`` go to one
    queue, each worker's answers come back on its own (``replies[slot]``), and a worker takes its slot
    from ``slots`` as it starts."""

    requests: Any
    replies: tuple[Any, ...]
    slots: Any


class NerService:
    """spaCy's NER for a build's workers, in a process of its own (no lock on the build's process while it
    reads): spaCy is loaded once per build, and only when a worker first asks."""

    def __init__(self, *, settings: Settings, workers: int, context: Any) -> None:
        self.channel = NerChannel(
            requests=context.Queue(),
            replies=tuple(context.Queue() for _ in range(workers)),
            slots=context.Queue(),
        )
        for slot in range(workers):
            self.channel.slots.put(slot)
        self._process = context.Process(
            target=_serve_ner, args=(self.channel, settings), name="geomap-ner", daemon=True
        )
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="geomap-ner-watch", daemon=True)

    def __enter__(self) -> NerService:
        self._process.start()
        self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self.channel.requests.put(None)
        self._process.join()
        self._watcher.join()

    def _watch(self) -> None:
        """When the NER's process ends before the build is done with it (killed, out of memory), every worker
        waiting for it, or asking later, is answered with an error: the build fails, it does not hang."""
        multiprocessing.connection.wait([self._process.sentinel])
        if self._stopping.is_set():
            return
        error = GeomapError(
            f"spaCy's NER process stopped (exit code {self._process.exitcode}) before the build was done with it"
        )
        for reply in self.channel.replies:  # whoever waits now (its request was lost with the process)
            reply.put(("error", error))
        while (request := self.channel.requests.get()) is not None:
            self.channel.replies[request[0]].put(("error", error))


def _serve_ner(channel: NerChannel, settings: Settings) -> None:
    parent = multiprocessing.parent_process()
    while True:
        try:
            request = channel.requests.get(timeout=1.0)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # a killed build: nobody asks any more
            continue
        if request is None:
            return
        slot, model, texts = request
        try:
            reply: tuple[str, Any] = ("spans", ner_spans(model, texts, settings=settings))
        except Exception as exc:  # the worker raises it, as if its own NER had failed
            reply = ("error", _picklable(exc))
        channel.replies[slot].put(reply)


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return GeomapError(f"spaCy's NER failed: {exc!r}")
    return exc


class RemoteNer:
    """A worker's NER: the build's :class:`NerService` reads the texts."""

    def __init__(self, channel: NerChannel) -> None:
        self.channel = channel
        self.slot: int = channel.slots.get()

    def __call__(self, model: str, texts: list[str]) -> list[list[tuple[int, int]]]:
        self.channel.requests.put((self.slot, model, texts))
        parent = multiprocessing.parent_process()
        while True:
            try:
                kind, value = self.channel.replies[self.slot].get(timeout=1.0)
                break
            except queue.Empty:
                # A killed build answers no more: the worker must not wait for ever (and outlive it).
                if parent is not None and not parent.is_alive():
                    raise GeomapError("the build stopped while its NER was reading") from None
        if kind == "error":
            raise value
        spans: list[list[tuple[int, int]]] = value
        return spans
