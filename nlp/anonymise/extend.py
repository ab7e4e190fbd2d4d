"""More of a name from the names already found in the same document.

A name once found says something about the words around it and about other words in the
letter, which a recogniser looking at one spot cannot know:
- coordination: "Oliwia en Kacper", "Sem, Noor en Bibi": a capitalised word joined by "en",
  "&" or a comma to a found name is a name too, when it is no ordinary word;
- neighbours: a name-like word right before a found surname ("Kasia" + "Wiśniewska"), or an
  unknown word right after a found first name ("Emeka" + "Obi"), is part of that name;
- variants: nicknames and diminutives of a found first name ("Noor" → "Nootje", "Jan" →
  "Jantje", "Chukwuemeka" → "Emeka"), capitalised, anywhere in the letter, and pet names made
  from a found surname ("Van Dam" → "Dammetje", "Kok" → "Kokkie");
- initials: staff notes call a colleague by the initials of a name found in the note
  ("collega Hamid Bakker ... HB belt terug", a note signed "HB" on its own line).
"""

from __future__ import annotations

import re

from nlp.anonymise import namelike
from nlp.anonymise.coref import parse
from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.namelike import CUED_THRESHOLD, english_word
from nlp.anonymise.recognisers.names import _compound, unknown_name_like
from schemas.entities import EntityLabel
from schemas.records import Entity

_UP = "A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİ"
# Not inside a word; a quote before it is fine ("'Houtje'"), an elision is not ("d'Ancona").
_WORD = re.compile(
    rf"[{_UP}](?<![\w@.-].)(?<!\w['’].)[^\W\d_]+(?:-[{_UP}][^\W\d_]+)?(?![\w@-]|['’]\w)"
)
_JOIN_AFTER = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)([{_UP}][^\W\d_]+)\b")
_JOIN_BEFORE = re.compile(rf"\b([{_UP}][^\W\d_]+)(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)$")
_NEXT = re.compile(rf"[ \t]([{_UP}][^\W\d_]+)\b")
# The same in mail written all in lowercase: "bij ans en peter", "met kim en tom".
_LOW_JOIN_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)([a-zà-öø-ÿ]{3,})(?![\w@'’-])"
)
_LOW_JOIN_BEFORE = re.compile(
    r"(?<![\w@'’-])([a-zà-öø-ÿ]{3,})(?:[ \t]*,[ \t]*|[ \t]+(?:en|&|of)[ \t]+)$"
)
# A first name that is also a word is taken on coordination only below this frequency
# ("peter" 4.9, "tom" 4.8 pass; "hoop" 5.5 does not).
_LOW_JOIN_ZIPF = 5.0
_PREV = re.compile(rf"\b([{_UP}][^\W\d_]+)[ \t]$")
_DIMINUTIVE = ("tje", "pje", "je", "ke", "ie", "y")


def _ordinary(word: str, lex: Lexicons) -> bool:
    low = word.lower()
    return (
        low in INTERFIXES
        or lex.is_dutch_word(low)
        or english_word(low)
        or low in lex.places
        or lex.is_role(low)
        or low in lex.titles
        or word.isupper()
        or len(word) < 3
    )


# Joined by "en" to a found name, a word the vocabulary lacks needs little from its letters.
_JOINED_THRESHOLD = 0.2


def _is_name_word(word: str, lex: Lexicons, threshold: float = CUED_THRESHOLD) -> bool:
    """A known first name that is no common word, or a name-like word the lists lack."""
    low = word.lower()
    if low in lex.first_names and low not in lex.common and not lex.is_role(low):
        return not lex.is_dutch_word(low)
    return unknown_name_like(word, lex, threshold=threshold)


def _span(m: re.Match[str], group: int = 1, source: str = "extend") -> Entity:
    return Entity(m.start(group), m.end(group), EntityLabel.PERSOON, source, 0.8)


def _first_name_before(word: str, lex: Lexicons) -> bool:
    """ "Kasia" right before a found surname: a known first name, or a word that reads as a
    name by its letters, also when a word list has it (names such as "kasia" are frequent
    enough to be in the Dutch word-frequency list)."""
    low = word.lower()
    if low in lex.common or low in lex.titles or lex.is_role(low) or low in lex.places:
        return False
    if word.isupper() or len(word) < 3 or english_word(low):
        return False
    if low in lex.first_names:
        return True
    return namelike.load(lex).score(low) >= namelike.THRESHOLD


def _lowercase_first_name(word: str, lex: Lexicons) -> bool:
    """A lowercase word joined to a lowercase name is a name too when it is a first name
    that is no frequent word, function word, role or English word."""
    from nlp.anonymise.recognisers.names import _STOP, _dutch_zipf

    if word not in lex.first_names or word in _STOP or word in INTERFIXES:
        return False
    if lex.is_role(word) or word in lex.titles or word in lex.places or english_word(word):
        return False
    return not lex.is_dutch_word(word) or _dutch_zipf(word) < _LOW_JOIN_ZIPF


def _joined_name(m: re.Match[str], text: str, lex: Lexicons) -> bool:
    """The word joined to a found name is a name itself, not the start of an organisation
    ("Sem en Jeugdbescherming Brabant") or an ordinary word."""
    word = m.group(1)
    if _ordinary(word, lex) or _NEXT.match(text, m.end(1)):
        return False
    return _is_name_word(word, lex, _JOINED_THRESHOLD)


def neighbours(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """New spans for names joined to, or standing right beside, a found name."""
    found: list[Entity] = []
    for e in entities:
        if e.label != EntityLabel.PERSOON:
            continue
        # Only the line before the name, and not far back (a PDF line can be very long).
        line_start = max(text.rfind("\n", 0, e.start) + 1, e.start - 80)
        # A found name that is also a common word vouches for no other ("Roos en Hoop").
        if text[e.start : e.end].lower() not in lex.common:
            m = _JOIN_AFTER.match(text, e.end)
            if m and _joined_name(m, text, lex):
                found.append(_span(m, source="extend-coordination"))
            m = _JOIN_BEFORE.search(text, line_start, e.start)
            if m and _joined_name(m, text, lex):
                found.append(_span(m, source="extend-coordination"))
            if text[e.start : e.end].islower():
                for m in (
                    _LOW_JOIN_AFTER.match(text, e.end),
                    _LOW_JOIN_BEFORE.search(text, line_start, e.start),
                ):
                    if m and _lowercase_first_name(m.group(1), lex):
                        found.append(_span(m, source="extend-coordination-lowercase"))
        mention = parse(text[e.start : e.end], lex)
        m = _PREV.search(text, line_start, e.start)
        surname_only = (mention.surname and not mention.first) or (
            mention.single is not None and mention.single not in lex.first_names
        )
        if m and surname_only and _first_name_before(m.group(1), lex):
            # One span with the surname: "Kasia Wiśniewska" is one mention of one person.
            found.append(Entity(m.start(1), e.end, EntityLabel.PERSOON, "extend-first-name", 0.8))
        m = _NEXT.match(text, e.end)
        if m and (mention.first or mention.single) and not mention.surname:
            word = m.group(1)
            known = word.lower() in lex.surnames
            if not _ordinary(word, lex) and (known or _is_name_word(word, lex)):
                found.append(  # "Emeka Obi"
                    Entity(e.start, m.end(1), EntityLabel.PERSOON, "extend-surname", 0.8)
                )
        caps = _CAPS_BEFORE.search(text, line_start, e.start)
        if caps and _caps_surname(caps.group(1), lex):  # "JANSEN, Pieter" in a form
            found.append(Entity(caps.start(1), e.end, EntityLabel.PERSOON, "extend-caps", 0.8))
        caps = _CAPS_AFTER.match(text, e.end)
        if caps and _caps_surname(caps.group(1), lex):  # "Pieter JANSEN"
            found.append(Entity(e.start, caps.end(1), EntityLabel.PERSOON, "extend-caps", 0.8))
        m = _HYPHEN_BEFORE.search(text, line_start, e.start)
        if m and _name_part(m.group(1), lex):  # "Öztürk-" + a found "Yılmaz"
            found.append(Entity(m.start(1), e.end, EntityLabel.PERSOON, "extend-hyphen", 0.8))
        m = _HYPHEN_AFTER.match(text, e.end)
        if m and _name_part(m.group(1), lex):  # a found "Bakker" + "-Hoekstra"
            found.append(Entity(e.start, m.end(1), EntityLabel.PERSOON, "extend-hyphen", 0.8))
        end = _lowercase_tail(text, e, lex)
        if end > e.end:  # "jelle terpstra", "marten de vries", "henk jan"
            found.append(Entity(e.start, end, EntityLabel.PERSOON, "extend-lowercase", 0.7))
        end = _chain_after(text, e.end, lex)
        if end > e.end:  # "Yonas Tesfamariam Gebremedhin": patronymic chains
            found.append(Entity(e.start, end, EntityLabel.PERSOON, "extend-chain", 0.7))
    return found


_MAX_CHAIN = 3
# The other part of a double name: a capitalised word glued by a hyphen to a found name.
_HYPHEN_BEFORE = re.compile(rf"(?<![\w@.'’-])([{_UP}][^\W\d_]+)-$")
_HYPHEN_AFTER = re.compile(rf"-([{_UP}][^\W\d_]+)(?![\w@'’-])")


def _name_part(word: str, lex: Lexicons) -> bool:
    """Part of a double name unless it is an acronym, a role or title, or a place."""
    low = word.lower()
    return not (
        word.isupper()
        or len(word) < 2
        or lex.is_role(low)
        or low in lex.titles
        or (low in lex.places and low not in lex.surnames)
    )


_CAPS = r"(?:(?:VAN|DE|DER|DEN|TER|TEN|EL|'T)[ \t]+)*[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’-]*"
_CAPS_BEFORE = re.compile(rf"(?<![\w@.-])({_CAPS})[ \t]*,?[ \t]*$")
_CAPS_AFTER = re.compile(rf"[ \t]+({_CAPS})(?![\w@.-])")


def _caps_surname(words: str, lex: Lexicons) -> bool:
    """A surname written in capitals (forms, file headers) beside a found name: its last
    word a list surname that is no common word, role or acronym of an organisation."""
    last = words.split()[-1].lower()
    return (
        len(last) >= 3 and last in lex.surnames and last not in lex.common and not lex.is_role(last)
    )


def _unknown_word(word: str, lex: Lexicons) -> bool:
    """A capitalised word no list knows (no Dutch or English word, place, role, compound),
    or a known surname that is no ordinary word."""
    low = word.lower()
    if _ordinary(word, lex) or low in lex.common or _compound(low, lex):
        return False
    if low in lex.surnames or low in lex.first_names:
        return True
    return low not in lex.vocabulary


def _chain_after(text: str, end: int, lex: Lexicons) -> int:
    """The end of the capitalised words the lists do not know that follow a found name on
    its line ("Yonas" + "Tesfamariam Gebremedhin"; Eritrean, Somali and Ethiopian names chain
    a father's and grandfather's name), at most three."""
    for _ in range(_MAX_CHAIN):
        m = _NEXT.match(text, end)
        if m is None or not _unknown_word(m.group(1), lex) or _NEXT_IS_ORG.match(text, m.end()):
            break
        end = m.end(1)
    return end


# A word followed by a legal form or an institution word reads as an organisation.
_NEXT_IS_ORG = re.compile(r"[ \t]+(?:B\.V\.|BV|N\.V\.|VOF|Advocaten|Zorg|College|School)\b")


def variants(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """Nicknames and diminutives of the first names found: a capitalised word that is a
    first name plus a diminutive ending, starts like one ("Nootje" for "Noor"), or is the
    end of a long one ("Emeka" for "Chukwuemeka")."""
    firsts: set[str] = set()
    pet_names: set[str] = set()  # diminutives of the surnames found: "Dammetje" for "Van Dam"
    for e in entities:
        if e.label == EntityLabel.PERSOON:
            m = parse(text[e.start : e.end], lex)
            for word in (m.first, m.single):
                if word and len(word) >= 3 and word.isalpha():
                    firsts.add(word)
            for word in (*m.surname, m.single):
                if word and len(word) >= 3 and word.isalpha():
                    pet_names.update(_diminutives(word))
    found = initials(text, entities, lex)
    if not firsts and not pet_names:
        return found
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if low in firsts or lex.is_role(low) or low in lex.common or english_word(low):
            continue
        if low in pet_names and not _sentence_start(text, m.start(), quotes=False):
            found.append(Entity(m.start(), m.end(), EntityLabel.PERSOON, "extend-pet-name", 0.8))
        elif _variant(low, firsts) and (
            not lex.is_dutch_word(low) or not _sentence_start(text, m.start())
        ):
            found.append(Entity(m.start(), m.end(), EntityLabel.PERSOON, "extend-variant", 0.8))
    return found


def _diminutives(surname: str) -> set[str]:
    """The Dutch diminutives of a surname used as a nickname: "Dam" -> "Dammetje", "Bos" ->
    "Bosje", "Kok" -> "Kokkie", "Boer" -> "Boertje", "Houten" -> "Houtje"."""
    if surname.endswith("en") and len(surname) >= 5:  # "Van Houten" -> "Houtje"
        return _diminutives(surname[:-2]) | _diminutives_of(surname)
    return _diminutives_of(surname)


def _diminutives_of(surname: str) -> set[str]:
    last = surname[-1]
    return {
        surname + "je",
        surname + "tje",
        surname + "pje",
        surname + "etje",
        surname + last + "etje",
        surname + last + "ie",
        surname + "ie",
        surname + "y",
    }


def _variant(word: str, firsts: set[str]) -> bool:
    for suffix in _DIMINUTIVE:
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and any(f.startswith(stem) or stem.startswith(f) for f in firsts)
        ):
            return True
    return len(word) >= 4 and any(len(f) >= len(word) + 3 and f.endswith(word) for f in firsts)


def _sentence_start(text: str, start: int, quotes: bool = True) -> bool:
    """A capital here may be the sentence's; with ``quotes`` also after a quote or bracket."""
    before = text[max(0, start - 4) : start].rstrip(" \t")
    return not before or before[-1] in (".!?:\n\"'(" if quotes else ".!?:\n")


_LOW_NEXT = re.compile(r"[ \t]+([a-zà-öø-ÿ'’]+)(?![\w@-])")
_LOW_CALL_NAME = re.compile(r"[ \t]+\(([a-zà-öø-ÿ'’-]{2,})\)")
_CLAUSE_END = re.compile(r"[ \t]*(?:$|[.,;:!?)\n])")
_VERB_ENDINGS = ("t", "en", "de", "te", "den", "ten")
# Tussenvoegsels that ordinary prepositional phrases no longer use: a surname follows.
_SURNAME_INTERFIXES = frozenset(["den", "der", "ter", "ten", "'t"])
# Surnames that are also nouns ("post" 4.9, "bos" 4.8, "koning" 5.1) are rarer as words than
# the adverbs that can stand between a subject and its verb ("thuis" 5.5, "graag" 5.7).
_ADVERB_ZIPF = 5.2
_STOP_WORDS = frozenset((
    "de", "het", "een", "en", "of", "in", "op", "aan", "van", "te", "dat", "die", "dit", "er",
    "ook", "niet", "nog", "al", "wel", "dan", "toen", "nu", "maar", "om", "met", "voor", "bij",
    "naar", "uit", "zo", "heel", "erg",
))  # fmt: skip


def _lowercase_tail(text: str, e: Entity, lex: Lexicons) -> int:
    """The end of the lowercase rest of a name written in lowercase after its first name, in
    informal mail with no cue: a second first name ("henk jan"), a surname from the list
    that is no common word ("jelle terpstra") or a tussenvoegsel with such a surname
    ("marten de vries"), a list surname after a call name in brackets ("hendrika (riekie)
    smit") or before a finite verb ("jan-willem post zegt"); else ``e.end``."""
    raw = text[e.start : e.end]
    if not raw.islower() or e.label != EntityLabel.PERSOON:
        return e.end
    last = re.split(r"[ \t-]", raw)[-1]
    if last not in lex.first_names:
        return e.end
    end = e.end
    # A call name in brackets after the first name: "hendrika (riekie) smit".
    called = _LOW_CALL_NAME.match(text, end)
    if called is not None and called.group(1) in lex.first_names:
        m = _LOW_NEXT.match(text, called.end())
        while m is not None and m.group(1) in INTERFIXES:  # "(gerrit) van dijk"
            m = _LOW_NEXT.match(text, m.end())
        word = m.group(1) if m else ""
        surname = word in lex.surnames and word not in _STOP_WORDS and not lex.is_role(word)
        if m is not None and surname:
            return m.end(1)
    m = _LOW_NEXT.match(text, end)
    if m is None:
        return end
    word = m.group(1)
    if (
        word in lex.first_names
        and len(word) >= 3
        and word not in INTERFIXES
        and not lex.is_role(word)
        and (word not in lex.common or _CLAUSE_END.match(text, m.end()))
        and not english_word(word)
    ):
        end = m.end(1)  # "henk jan": a double first name
        m = _LOW_NEXT.match(text, end)
        if m is None:
            return end
        word = m.group(1)
    interfixes = 0
    seen: list[str] = []
    while word in INTERFIXES:
        interfixes += 1
        seen.append(word)
        nxt = _LOW_NEXT.match(text, m.end())
        if nxt is None:
            return end
        m, word = nxt, nxt.group(1)
    # A common word after "van den", "ter", or ending the clause is still a surname there
    # ("noor van den berg"), not after a plain "van de" ("tom van de groep").
    strong = interfixes and (set(seen) & _SURNAME_INTERFIXES or _CLAUSE_END.match(text, m.end()))
    if word not in lex.surnames or lex.is_role(word) or len(word) < 3:
        return end
    # "jan-willem post zegt": a finite verb after the word makes it the subject's surname
    # (Dutch puts the verb second), also when the word is itself a word or a verb form.
    if _finite_verb_after(text, m.end(), lex) and word not in _STOP_WORDS:
        from nlp.anonymise.recognisers.names import _dutch_zipf

        if _dutch_zipf(word) < _ADVERB_ZIPF:  # "kevin thuis kwam": an adverb, no surname
            return m.end(1)
    if word in lex.common and not strong:
        return end
    if not interfixes and word.endswith(_VERB_ENDINGS) and lex.is_dutch_word(word):
        from nlp.anonymise.recognisers.names import _dutch_zipf

        if _dutch_zipf(word) >= 3.0:
            return end  # "jelle speelden": a verb form
    return m.end(1)


# Frequent finite verbs in the third person: the verb after a subject.
_FINITE = frozenset((
    "is", "was", "heeft", "had", "zegt", "zei", "zegde", "wil", "wilde", "moet", "moest", "kan",
    "kon", "zal", "zou", "mag", "mocht", "komt", "kwam", "gaat", "ging", "doet", "deed", "vindt",
    "vond", "weet", "wist", "krijgt", "kreeg", "werkt", "woont", "denkt", "dacht", "schrijft",
    "schreef", "belt", "belde", "praat", "sprak", "laat", "liet", "blijft", "bleef", "staat",
    "stond", "ziet", "zag", "neemt", "nam", "geeft", "gaf", "houdt", "hield", "speelt", "speelde",
))  # fmt: skip


def _finite_verb_after(text: str, end: int, lex: Lexicons) -> bool:
    """The next word is a finite verb: a frequent one, or a stem plus "t" ("zegt", "belt")
    that is no name."""
    m = _LOW_NEXT.match(text, end)
    if m is None:
        return False
    verb = m.group(1)
    if verb in _FINITE:
        return True
    return (
        verb.endswith("t")
        and len(verb) >= 4
        and lex.is_dutch_word(verb[:-1])
        and verb not in lex.surnames
        and verb not in lex.first_names
    )


_INITIALS_WORD = re.compile(r"[A-Z](?<![\w@.&/-].)(?:[a-z]{1,3})?[A-Z]{1,2}(?![\w@&/-]|\.\w)")
# Domain abbreviations: a person's initials only on a line of their own or as the subject of
# a verb ("HR belt terug"), never in running text ("via HR", "de GI", "een OTS").
_ABBREVIATIONS = frozenset(
    ["HR", "GI", "JB", "VT", "KR", "RK", "OTS", "UHP", "AKJ", "ZZP", "GGZ", "WMO", "CJG", "OKT"]
) | frozenset(["BSN", "PGB", "IQ", "AD", "ADHD", "PDD", "ASS", "NL", "EU", "BV", "NV", "RvdK"])
_VERB_AFTER = re.compile(r"[ \t]+([a-zà-ÿ]+(?:t|de|te)|is|was|zal|zou|kan|mag|wil|gaat)(?![\w-])")
_NO_VERBS = frozenset(["dit", "dat", "niet", "met", "uit", "het", "tot", "want", "wat", "ooit"])
_NO_VERBS |= frozenset(["nooit", "eerst", "laatst", "straks", "echt", "zelfs", "net", "recht"])
_CUE_BEFORE = re.compile(r"\b(?:met|door|collega|cc|namens)[ \t]+$", re.IGNORECASE)
# "van GC nr. 7", "(GC 7, par. 14)": a document's abbreviation, followed by its number
_NUMBER_AFTER = re.compile(r"[ \t]*(?:nr\b|no\b|\d)", re.IGNORECASE)


def initials(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """Capitals that are the initials of a person found in the text ("HB" for "Hamid
    Bakker"), used as that person's short name: on their own line, as the subject of a verb,
    or after "met", "door", "collega" (not for domain abbreviations such as "HR", "GI"); never
    before a number ("GC nr. 7")."""
    wanted: set[str] = set()
    for e in entities:
        if e.label != EntityLabel.PERSOON:
            continue
        words = text[e.start : e.end].split()
        core = [w for w in words if w.lower() not in INTERFIXES and w[:1].isupper()]
        if len(core) >= 2 and all(w[:1].isalpha() for w in core):
            wanted.add("".join(w[0] for w in core).upper())
            wanted.add("".join(w[0] for w in words))  # "Jan de Vries" -> "JdV"
    if not wanted:
        return []
    found = []
    for m in _INITIALS_WORD.finditer(text):
        word = m.group()
        if word not in wanted:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if _NUMBER_AFTER.match(text, m.end()):
            continue
        own_line = line.strip(" \t.,-–") == word
        verb = _VERB_AFTER.match(text, m.end())
        subject = verb is not None and verb.group(1) not in _NO_VERBS
        cued = bool(_CUE_BEFORE.search(text, max(0, m.start() - 12), m.start()))
        if own_line or subject or (cued and word not in _ABBREVIATIONS):
            found.append(Entity(m.start(), m.end(), EntityLabel.PERSOON, "extend-initials", 0.8))
    return found
