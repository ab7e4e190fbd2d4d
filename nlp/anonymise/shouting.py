"""Text written in capitals ("JEUGDZORG HEEFT MIJN ZOON KEVIN WEGGEHAALD!!!"), recognised as
the lowercase informal mail it is.

The name rules read capitals as acronyms ("GI", "OTS") and skip them, so a shouted sentence
hides every name in it. A run of three or more words in capitals (of three letters or more)
is lowercased before recognition, character for character, so every offset stays the same:
the lowercase rules then find "mijn zoon kevin" and "mevrouw de groot". Short capital words
on their own (postcodes "3552 HK", "GI", "JBRA") are left alone. A word in brackets or quotes
inside a run is part of it ("GEZINSVOOGD HENDRIKA (RIEKIE) SMIT": a call name in brackets).
"""

from __future__ import annotations

import re

_CAP = "A-ZÀ-ÖØ-ÞĞİŁŚŞŻŹĆŃÇ"
_WORD = rf"[{_CAP}][{_CAP}'’]*(?:-[{_CAP}][{_CAP}'’]*)*"
# Words may stand in brackets or quotes inside the run ("HENDRIKA (RIEKIE) SMIT"). The first
# capital, then the look-behind (over it and the character before): the engine can jump from
# capital to capital instead of testing the look-behind everywhere.
_RUN = re.compile(
    rf"[{_CAP}](?<![\w-].)[{_CAP}'’]*(?:-[{_CAP}][{_CAP}'’]*)*"
    rf"(?:[ \t]*[,:;!?.)\"”]*[ \t]+[(\"“]?{_WORD})+(?![\w-])"
)
_LONG = re.compile(rf"[{_CAP}]{{3}}")


def lowered(text: str) -> str:
    """The text with runs of capitals lowercased (same length); the text itself when none."""
    if _LONG.search(text) is None:
        return text
    out = None
    for m in _RUN.finditer(text):
        words = m.group().split()
        if sum(len(w.strip(',:;!?.()"“”')) >= 3 for w in words) < 3:
            continue
        if out is None:
            out = list(text)
        for i in range(m.start(), m.end()):
            low = text[i].lower()
            if len(low) == 1:
                out[i] = low
    return text if out is None else "".join(out)
