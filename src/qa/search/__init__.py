"""Index paragraphs and rank them with an exact BM25Okapi over token ids."""
