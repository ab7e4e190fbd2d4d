"""HTML: visible text only (no scripts or styles), with block elements on their own lines."""

from __future__ import annotations

from bs4 import BeautifulSoup

from nlp.extract.errors import no_text
from nlp.extract.text_file import decode_text, read_txt
from schemas.records import ExtractedText


def html_to_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for el in soup(["script", "style", "head", "noscript"]):
        el.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def read_html(data: bytes) -> ExtractedText:
    read_txt(data)  # same checks: empty, binary
    text = html_to_text(decode_text(data))
    if not text:
        raise no_text()
    return ExtractedText(text=text)
