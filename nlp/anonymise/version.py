"""The anonymiser's rule version, recorded on each run and each document (a light module: a run
that processes nothing records it without importing spaCy)."""

# 0.2: the trained person tagger, OCR digit shadow, reference numbers, foreign addresses/dates
ANONYMISER_VERSION = "regels-0.2"
