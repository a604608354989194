"""Answer a parsed question from records or passages, and write the sentences."""
