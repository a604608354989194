"""Load a data folder: article text, curated YAML records and the vocabularies."""
