"""One adapter per retrieval engine: build from token ids, save, load, and query top 10."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from benchmarks.corpus import Corpus
from qa.search import bm25, bm25_build

K = 10


class Engine(Protocol):
    """What the benchmark needs of an engine."""

    def build(self, corpus: Corpus) -> None: ...
    def save(self, folder: Path) -> None: ...
    def load(self, folder: Path) -> None: ...
    def top(self, query: list[int]) -> tuple[list[int], list[float]]: ...


class QA:
    """This project's postings index (qa.search.bm25)."""

    def build(self, corpus: Corpus) -> None:
        self.postings = bm25_build.build(corpus.ids, corpus.offsets, int(corpus.ids.max()) + 1)

    def save(self, folder: Path) -> None:
        self.postings.save(folder)

    def load(self, folder: Path) -> None:
        self.postings = bm25.Postings.load(folder)

    def top(self, query: list[int]) -> tuple[list[int], list[float]]:
        docs, scores = self.postings.top(query, K)
        return docs.tolist(), scores.tolist()

    def exact_scores(self, query: list[int]) -> np.ndarray:
        """Return rank-bm25's scores for every document (the dense, reference-equal path)."""
        return self.postings.scores(query)


class RankBM25:
    """rank_bm25.BM25Okapi, the reference; it keeps no index on disk."""

    def build(self, corpus: Corpus) -> None:
        from rank_bm25 import BM25Okapi

        self.model = BM25Okapi([corpus.doc(i) for i in range(corpus.size)])

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
    "rank-bm25": RankBM25,
    "bm25s": BM25S,
    "tantivy": Tantivy,
}
