"""Name what a data folder holds: its articles folder, vocabularies and synonyms file.

Kept apart from snapshot.py, which reads the files: a load checks that they are
unchanged by these names alone, without the reader and its value types.
"""

ARTICLES = "articles"
VOCABULARIES = ("countries", "topics", "titles")
SYNONYMS = "synonyms.yaml"
