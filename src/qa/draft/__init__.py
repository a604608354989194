"""Draft an article's dataset from its text: rules over sentences plus the vocabularies.

`draft_article(folder, article_id)` reads `articles/ID.txt` and returns a `Draft`;
`qa.draft.writeout.to_yaml` writes it in the schema of docs/dataset.md and
`qa.draft.add.add_article` is the one command a maintainer runs for a new article.
"""
