"""Text extraction: one reader per format, chosen by extension.

Every reader takes bytes and returns ``ExtractedText``; every failure is an ``ExtractionError``
carrying a reason code and a Dutch reason for staff. Readers never put document content in an
error message.
"""

from nlp.extract.errors import ExtractionError
from nlp.extract.readers import SUPPORTED_EXTENSIONS, extract_bytes, extract_file

__all__ = ["SUPPORTED_EXTENSIONS", "ExtractionError", "extract_bytes", "extract_file"]
