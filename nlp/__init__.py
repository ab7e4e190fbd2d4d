"""NLP stages: extract -> anonymise -> themes."""
