"""Records passed between stages.

Only ``ExtractedText`` ever holds raw text, and it never leaves the worker that made it: what a
batch task returns (``ProcessedDocument``) holds anonymised text only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from schemas.vocabulary import DocumentKind

THEME_KEYS: tuple[str, ...] = (
    "waarheidsvinding",
    "communicatie",
    "drang_dwang",
    "regie",
    "tijdigheid",
    "geschilbeslechting",
)

# Dutch labels shown to people (the keys are used everywhere else).
THEME_LABELS: dict[str, str] = {
    "waarheidsvinding": "Waarheidsvinding en neutraliteit",
    "communicatie": "Communicatie en verslaglegging",
    "drang_dwang": "Onderscheid tussen drang en dwang",
    "regie": "Regie",
    "tijdigheid": "Tijdigheid, continuïteit en beschikbaarheid",
    "geschilbeslechting": "Geschilbeslechting",
}
NEW_TOPIC = "nieuw"  # a topic that belongs to none of the six themes


@dataclass(frozen=True, slots=True)
class Entity:
    """A personal-data span in the original text (character offsets, end exclusive)."""

    start: int
    end: int
    label: str
    source: str = ""
    score: float = 1.0


@dataclass(slots=True)
class ExtractedText:
    """Raw text of one document. Lives only inside a worker; never returned from a task."""

    text: str
    pages: int | None = None
    received_at: datetime | None = None
    sent_at: datetime | None = None  # an e-mail's Date header (a letter date of its own)
    # Whether (part of) the text came from OCR, and Tesseract's mean word confidence (0-100)
    # over the OCR'd part.
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass(slots=True)
class AnonymisedText:
    text: str
    entities: list[Entity]
    residual_flags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    theme: str
    sentence_index: int
    sentence: str  # anonymised
    score: float


@dataclass(slots=True)
class ThemeResult:
    scores: dict[str, float]
    assigned: list[str]
    primary: str | None
    evidence: list[Evidence]
    model_version: str
    # "klacht" or "geen klacht": a document with no theme is not a complaint about youth
    # protection (a thank-you note, a question, a school complaint).
    kind: str = DocumentKind.KLACHT


@dataclass(slots=True)
class ProcessedDocument:
    """What a batch worker hands back for loading: anonymised text and metadata only."""

    content_id: str
    file_ref: str
    file_type: str
    size_bytes: int
    received_at: datetime
    pages: int | None
    n_words: int
    language: str
    text: str  # anonymised
    entity_counts: dict[str, int]
    status: str
    residual_flags: list[str]
    themes: ThemeResult
    pipeline: str
    anonymiser_version: str
    # Coarse metadata read before anonymisation (categories only; see nlp/metadata).
    municipality: str = "onbekend"
    organisation: str = "onbekend"
    complainant_role: str = "onbekend"
    measure: str = "onbekend"
    # Counting once, on the complaint's own date (nlp/dedup, nlp/metadata/letter_date.py):
    # keyed or anonymised-text-derived values only, never raw text.
    letter_date: date | None = None
    text_fingerprint: str = ""
    signature: list[int] = field(default_factory=list)
    identity: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # set by the flow: the complaint this one repeats
    similarity: float | None = None
    ocr: bool = False
    ocr_confidence: float | None = None  # 0-100, only when ocr
    kind: str = DocumentKind.KLACHT  # klacht | geen klacht (nlp/themes/kind.py)


@dataclass(frozen=True, slots=True)
class QuarantinedFile:
    content_id: str | None
    file_ref: str
    file_type: str
    reason_code: str
    reason: str  # Dutch, shown to staff; never contains document text or file names
