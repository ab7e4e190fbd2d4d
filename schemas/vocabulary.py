"""The words the warehouse stores for states and outcomes, in one place (Dutch, as analysts and
staff read them). Being ``StrEnum`` members they compare equal to the stored strings."""

from __future__ import annotations

from enum import StrEnum


class DocumentStatus(StrEnum):
    """Whether a person may read a stored text: ``VERWERKT`` texts are shown (evidence, topics,
    labels); ``CONTROLE_NODIG`` ones wait for a person (``rodedraad nakijken``)."""

    VERWERKT = "verwerkt"
    CONTROLE_NODIG = "controle nodig"


class DocumentKind(StrEnum):
    """Whether a stored document is a complaint (counted as one) or not (a thank-you note, a
    question, a school letter, a one-word file): views and reports count only ``KLACHT``."""

    KLACHT = "klacht"
    GEEN_KLACHT = "geen klacht"


class IntakeOutcome(StrEnum):
    """What became of a file that arrived (table ``intake``)."""

    VERWERKT = "verwerkt"
    DUPLICAAT = "duplicaat"
    QUARANTAINE = "quarantaine"


class RunStatus(StrEnum):
    """A run's state (table ``runs``)."""

    BEZIG = "bezig"
    VOLTOOID = "voltooid"
    MISLUKT = "mislukt"
    GESTOPT = "gestopt"
    AFGEBROKEN = "afgebroken"  # left 'bezig' by a run that crashed; marked by the next run
