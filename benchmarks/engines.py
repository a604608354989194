"""One adapter per retrieval engine: build from token ids, save, load, and query top 10."""

from __future__ import annotations

import itertools
import math
import os
import resource
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from benchmarks.corpus import Corpus
from qa.search import bm25, bm25_build, walk
from qa.search.terms import Terms, save_terms
from qa.search.tokens import encode

K = 10


class Engine(Protocol):
    """What the benchmark needs of an engine."""

    def build(self, corpus: Corpus) -> None: ...
    def save(self, folder: Path) -> None: ...
    def load(self, folder: Path) -> None: ...
    def top(self, query: list[int]) -> tuple[list[int], list[float]]: ...


class QA:
    """This project's postings index (qa.search), built from token strings like `qa index`."""

    def build(self, corpus: Corpus) -> None:
        docs = token_strings(corpus)  # the tokenizer's output, made before the clock starts
        started, cpu = time.perf_counter(), cpu_s()
        vocab: dict[str, int] = {}
        # As `qa index` does, in as many processes as there are cores.
        ids, offsets = encode(docs, vocab, workers=os.cpu_count() or 1)
        encoded = time.perf_counter()
        self.vocab: Mapping[str, int] = vocab
        self.postings = bm25_build.build(ids, offsets, len(vocab))
        done = time.perf_counter()
        self.timing = {
            "build_s": done - started,
            "encode_s": encoded - started,
            "build_ids_s": done - encoded,
            "build_cpu_s": cpu_s() - cpu,
        }

    def save(self, folder: Path) -> None:
        self.postings.save(folder)
        save_terms(folder, self.vocab)

    def load(self, folder: Path) -> None:
        self.postings = bm25.Postings.load(folder)
        self.compiled = walk.module() is not None
        self.vocab = Terms(folder)  # as the stored index maps it

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        ids = [self.vocab.get(f"w{t}", -1) for t in query]
        docs, scores = self.postings.top(ids, K)
        return docs.tolist(), scores.tolist()


class Scipy:
    """Plain scipy: a CSC matrix of every posting's exact contribution, scatter-added."""

    def build(self, corpus: Corpus) -> None:
        from scipy.sparse import csr_matrix

        n_terms = int(corpus.ids.max()) + 1
        ones = np.ones(len(corpus.ids), dtype=np.int32)
        counts = csr_matrix((ones, corpus.ids, corpus.offsets), shape=(corpus.size, n_terms))
        cols = counts.tocsc()
        cols.sum_duplicates()
        doc_len = np.diff(corpus.offsets)
        avgdl = int(doc_len.sum()) / corpus.size
        df = np.diff(cols.indptr)
        n = corpus.size
        logs = {f: math.log(n - f + 0.5) - math.log(f + 0.5) for f in set(df.tolist())}
        idf = np.array([logs[f] for f in df.tolist()])
        # rank-bm25 sums the IDFs one at a time in order of first occurrence.
        words, first = np.unique(corpus.ids, return_index=True)
        in_order = idf[words[np.argsort(first)]]
        average_idf = float(np.cumsum(in_order)[-1]) / len(in_order)
        idf = np.where(idf < 0, 0.25 * average_idf, idf)
        denom = 1.5 * (1 - 0.75 + 0.75 * doc_len / avgdl)
        f = cols.data.astype(np.float64)
        term_of = np.repeat(np.arange(n_terms), df)
        self.data = idf[term_of] * (f * 2.5 / (f + denom[cols.indices]))
        self.indptr, self.indices, self.size = cols.indptr, cols.indices, corpus.size

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("data", "indptr", "indices"):
            np.save(folder / f"{name}.npy", getattr(self, name))

    def load(self, folder: Path) -> None:
        for name in ("data", "indptr", "indices"):
            setattr(self, name, np.load(folder / f"{name}.npy", mmap_mode="r"))
        self.size = int(self.indices.max()) + 1

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        scores = np.zeros(self.size)
        for t in query:
            if t < len(self.indptr) - 1:
                lo, hi = self.indptr[t], self.indptr[t + 1]
                scores[self.indices[lo:hi]] += self.data[lo:hi]
        best = np.argpartition(scores, self.size - K)[self.size - K :]
        best = best[np.lexsort((best, -scores[best]))]
        return best.tolist(), scores[best].tolist()


def cpu_s() -> float:
    """Return the CPU time of this process and of its finished children (encoding workers)."""
    own, done = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + done.ru_utime + done.ru_stime


def token_strings(corpus: Corpus) -> list[list[str]]:
    """Return each paragraph as token strings, sharing one string object per word."""
    words = [f"w{i}" for i in range(int(corpus.ids.max()) + 1)]
    flat: list[str] = []
    for at in range(0, len(corpus.ids), 1 << 22):  # a slice at a time: no int per token
        flat.extend(map(words.__getitem__, corpus.ids[at : at + (1 << 22)].tolist()))
    bounds = corpus.offsets.tolist()
    return [flat[a:b] for a, b in itertools.pairwise(bounds)]


class RankBM25:
    """rank_bm25.BM25Okapi, the reference; it keeps no index on disk."""

    def build(self, corpus: Corpus) -> None:
        from rank_bm25 import BM25Okapi

        words = list(range(int(corpus.ids.max()) + 1))  # one int object per word
        bounds = corpus.offsets.tolist()
        docs = (
            list(map(words.__getitem__, corpus.ids[a:b].tolist()))
            for a, b in itertools.pairwise(bounds)
        )
        self.model = BM25Okapi(docs)  # keeps only its per-document counts

    def save(self, folder: Path) -> None:
        """Nothing to save: rank-bm25 rebuilds its index on every start."""

    def load(self, folder: Path) -> None:
        raise NotImplementedError("rank-bm25 has no persisted form")

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        scores = self.model.get_scores(query)
        order = np.lexsort((np.arange(len(scores)), -scores))[:K]
        return order.tolist(), scores[order].tolist()


class BM25S:
    """bm25s with the Robertson (Okapi) variant, the closest to BM25Okapi."""

    def build(self, corpus: Corpus) -> None:
        import bm25s
        from bm25s.tokenization import Tokenized

        vocab = {str(i): i for i in range(int(corpus.ids.max()) + 1)}
        docs = [corpus.doc(i) for i in range(corpus.size)]
        self.model = bm25s.BM25(method="robertson", k1=1.5, b=0.75)
        self.model.index(Tokenized(ids=docs, vocab=vocab), show_progress=False)

    def save(self, folder: Path) -> None:
        self.model.save(str(folder))

    def load(self, folder: Path) -> None:
        import bm25s

        self.model = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        docs, scores = self.model.retrieve(
            [[str(t) for t in query]], k=K, show_progress=False, n_threads=1
        )
        return docs[0].tolist(), scores[0].tolist()


class Tantivy:
    """tantivy (Lucene-style BM25, k1=1.2) through its Python bindings."""

    def _schema(self) -> Any:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", fast=True)
        builder.add_text_field("body", index_option="freq")
        return builder.build()

    def build(self, corpus: Corpus) -> None:
        import tantivy

        self.folder = Path(corpus_folder())
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.index = tantivy.Index(self._schema(), path=str(self.folder))
        writer = self.index.writer(heap_size=1_000_000_000, num_threads=2)
        for i in range(corpus.size):
            body = " ".join(f"w{t}" for t in corpus.doc(i))
            writer.add_document(tantivy.Document(id=i, body=body))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def save(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self.folder, folder)

    def load(self, folder: Path) -> None:
        import tantivy

        self.index = tantivy.Index.open(str(folder))
        self.searcher = self.index.searcher()

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        q = self.index.parse_query(" ".join(f"w{t}" for t in query), ["body"])
        hits = self.searcher.search(q, K, count=False).hits
        ids = self.searcher.fast_field_values("id", [a for _, a in hits])
        return [int(i) for i in ids if i is not None], [float(s) for s, _ in hits]


def corpus_folder() -> str:
    """Return a scratch folder for engines that build on disk."""
    return str(Path(__file__).parent / ".cache" / "tantivy-build")


ENGINES: dict[str, type[Any]] = {
    "qa": QA,
    "scipy": Scipy,
    "rank-bm25": RankBM25,
    "bm25s": BM25S,
    "tantivy": Tantivy,
}
