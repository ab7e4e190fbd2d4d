"""The anonymiser's rule version, recorded on each run and each document (a light module: a run
that processes nothing records it without importing spaCy)."""

ANONYMISER_VERSION = "regels-0.1"
