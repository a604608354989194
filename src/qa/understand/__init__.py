"""Turn question text into entities, dates, amounts and a parsed question."""
