"""The use cases, free of Prefect and of the command line: what a run does with the inbox
(triage, processing, commit, moves, retention, summary) and the machinery it needs (the run
lock, per-file worker processes, stop requests, name-free errors).

Layers, from the top: ``rodedraad`` (CLI) and ``dashboards`` -> ``flows`` (Prefect wrappers)
-> ``application`` -> ``nlp`` / ``warehouse`` / ``reports`` -> ``schemas``. Nothing here
imports from a layer above it.
"""
