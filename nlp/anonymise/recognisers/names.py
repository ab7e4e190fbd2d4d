"""Person names from Dutch name knowledge and context cues.

A name chain is a run of initials, first names, tussenvoegsels and capitalised words
(double-barrelled names included, also with a tussenvoegsel after the hyphen: "Verbeek-de Wit";
a first name in brackets after initials: "J. (Johan) Mulder"). A chain is a PERSOON when
something vouches for it:
- a title or role word directly before it (mevrouw, dhr., gezinsvoogd, mijn zoon), within the
  sentence (a title that ends a sentence announces nothing in the next one),
- an introduction before it ("mijn naam is", "ik ben", "heet", "genaamd", "Naam:"), or its
  place in a signature block,
- initials (J.P. de Jong), or
- a first name from the name list that is not an ordinary Dutch word, or a first name
  followed by a surname-like word.
After an announced first name, a lowercase surname belongs to the name ("ik ben Anna koster"),
and a name broken over two lines (PDF text) is still one name. A known first name in the
possessive ("Kayleighs school") is redacted with its glued-on "s" (not with "'s"). Lowercase
names in informal mail count when the word is a known first name and not Dutch. Chinese names
in pinyin ("Li Na") are read by ``pinyin``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.tokens import Token
from spacy.vocab import Vocab

from nlp.anonymise import namelike, pinyin
from nlp.anonymise.context import Context, entity
from nlp.anonymise.lexicons import INTERFIXES, LEGAL_FORMS, Lexicons
from nlp.anonymise.namelike import english_word
from schemas.dutch_calendar import MONTHS, WEEKDAYS
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "namen"
LABEL = EntityLabel.PERSOON
labels = frozenset({LABEL})
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}$|^(?:[A-Z]\.)+[A-Z]$|^[A-Z]$")
_UPPER = "A-ZÀ-ÖØ-ÞŁŚŞŻŹĆŃÇĞİÖÜ"
_HYPHEN_INTERFIX = "|".join(sorted((i for i in INTERFIXES if "'" not in i), key=len, reverse=True))
# "Jansen", "d'Ancona", "Hoekstra-Prins", and a double name whose second part starts with a
# tussenvoegsel ("Verbeek-de" + "Wit", "Jansen-van" + "der" + "Linden").
_NAME_SHAPE = re.compile(
    rf"^(?:[dl]['’])?[{_UPPER}][\w'’À-ž]*(?:-(?:[{_UPPER}][\w'’À-ž]*|(?:{_HYPHEN_INTERFIX})$))*$"
)
_ENDS_IN_INTERFIX = re.compile(rf"\w-(?:{_HYPHEN_INTERFIX})$", re.I)
_POSSESSIVE = re.compile(rf"^([{_UPPER}][\w'’À-ž-]+?)(?:['’]s|s)$")
# The look-ahead (every alternative's first letter) only lets the engine skip quickly over
# the other letters; the matches are those of the alternatives alone.
_SIGN_OFF = re.compile(
    r"(?=[vhbwgm])(?:(?:vriendelijke|hartelijke|beste|warme)\s+groet(?:en)?|hoogachtend"
    r"|groetjes|\bgroet(?:en)?\s*,|\bmvg\b)",
    re.IGNORECASE,
)
# An introduction right before a name: "mijn naam is", "ik heet", "mijn zoon heet", "een
# meisje genaamd", a form field "Naam kind:", "Achternaam:", "Voornamen kind:", "Roepnaam:".
_NAME_IS = re.compile(
    r"(?:mijn naam is|ik ben|\bheet|\bheette|\bheten|\bgenaamd|\bgenoemd|namens|ondergetekende"
    r"|my name is|\bi am|\bnamed|\bcalled|\bcall me"
    r"|\bnoem(?:en|t|de|den)?[ \t]+(?:hem|haar|mij|me|ons)|\b(?:roep|bij|achter)naam(?:[ \t]+is)?"
    r"|\b(?:voor|achter|roep|meisjes|geboorte|familie)?(?:naam|namen)(?:[ \t]+\w+)?[ \t]*:)"
    r"\s*,?\s*$",
    re.I,
)
# Titles that are abbreviations: a period after them is not the end of a sentence.
_ABBREVIATED_TITLES = frozenset(["mw", "mevr", "mvr", "dhr", "mnr", "hr", "mr", "dr", "drs", "ir"])
_ABBREVIATED_TITLES |= frozenset(["ing", "prof", "ds"])
# A title after one of these is a noun ("de juf van Sem"): what follows is no surname.
_DETERMINERS = frozenset(
    ["de", "het", "een", "zijn", "haar", "mijn", "m'n", "mn", "z'n", "zn", "onze", "ons", "hun"]
) | frozenset(["jullie", "je", "jouw", "uw", "die", "deze"])
_STOP = frozenset(MONTHS + WEEKDAYS) | STOP_WORDS
# Titles that are kinship or school words: "van" after them is a preposition ("opa van Ilja").
_KIN_TITLES = frozenset(["oma", "opa", "tante", "oom", "juf", "juffrouw", "meester", "dokter"])
# Word endings of Dutch verb forms: a lowercase word after a name ending so is no surname
# ("Anna zegt", "Daan speelde"); "koster", "bakker", "de jong" are.
_VERB_ENDINGS = ("t", "en", "de", "te", "den", "ten")


def _is_name_shaped(token: Token) -> bool:
    """Capitalised word (not an all-caps acronym such as GI or OTS)."""
    return bool(_NAME_SHAPE.match(token.text)) and not token.text.isupper()


def _is_interfix(token: Token) -> bool:
    return token.lower_ in INTERFIXES


def _bracketed_name(tokens: list[Token], j: int) -> bool:
    """tokens[j:j+4] is "( Name ) Surname": a first name in brackets inside a name."""
    return (
        j + 3 < len(tokens)
        and tokens[j].text == "("
        and _is_name_shaped(tokens[j + 1])
        and tokens[j + 2].text == ")"
        and (_is_name_shaped(tokens[j + 3]) or _is_interfix(tokens[j + 3]))
    )


def _chain_end(tokens: list[Token], i: int, lex: Lexicons, cue: str | None = None) -> int:
    """Extend a name chain from token i; return the index after its last name token."""
    j = i
    last_name = i - 1
    n = len(tokens)
    while j < n:
        t = tokens[j]
        if t.text in LEGAL_FORMS:
            break  # "Groenhof Zorg B.V.": a company, not initials
        if last_name >= i and _after_hyphen_interfix(tokens, j, i) and _is_name_shaped(t):
            last_name = j  # "Hek-ter Haar": after "-ter" the surname follows, even "Haar"
            j += 1
            if t.whitespace_ and "\n" in t.whitespace_:
                break
            continue
        # After a tussenvoegsel comes the surname, even when it is a stop word ("van der Meer",
        # "Van Wel", "de Lang").
        after_interfix = j > i and _is_interfix(tokens[j - 1]) and t.lower_ not in INTERFIXES
        if _INITIALS.match(t.text) or (
            _is_name_shaped(t)
            and (
                t.lower_ not in _STOP
                or j == i
                or after_interfix
                or _month_surname(tokens, j, i, lex)
            )
        ):
            if (
                not _token_ok(t, lex)
                and (j > i or t.lower_.rstrip(".") in lex.titles)
                and not (after_interfix and t.lower_ in _STOP)
                and not _month_surname(tokens, j, i, lex)
            ):
                break
            last_name = j
            j += 1
            if _bracketed_name(tokens, j) and not (t.whitespace_ and "\n" in t.whitespace_):
                last_name = j + 2
                j += 3
                continue
        elif (_is_interfix(t) and j + 1 < n) or (
            t.text in "-" and last_name == j - 1 and j + 1 < n
        ):
            j += 1
        elif (
            t.is_space
            and t.text.count("\n") == 1
            and cue in ("title", "intro")
            and last_name == i
            and j == i + 1
            and j + 1 < n
            and (
                _is_interfix(tokens[j + 1])
                or (_is_name_shaped(tokens[j + 1]) and _token_ok(tokens[j + 1], lex))
            )
            and not _field_label(tokens, j + 1)
        ):
            j += 1  # "mevrouw Anouk\nvan Dongen": an announced first name ends a PDF line
            continue
        else:
            break
        if t.whitespace_ and "\n" in t.whitespace_:
            break
    return last_name + 1


_MONTH_WORDS = frozenset(MONTHS)


def _month_surname(tokens: list[Token], j: int, i: int, lex: Lexicons) -> bool:
    """tokens[j] is a capitalised month right after a known first name that starts the chain
    ("Anna Mei", "Lotte Juni"): a surname, unless a number follows (a date: "Anna Mei 2024")."""
    if j != i + 1 or tokens[j].lower_ not in _MONTH_WORDS:
        return False
    first = tokens[i]
    if first.lower_ not in lex.first_names or first.whitespace_ != " ":
        return False
    return j + 1 >= len(tokens) or not tokens[j + 1].like_num


def _field_label(tokens: list[Token], j: int) -> bool:
    """The line from tokens[j] starts with a form field's label ("Achternaam:", "Naam kind:")."""
    for t in tokens[j : j + 4]:
        if t.text == ":":
            return True
        if "\n" in t.text or "\n" in t.whitespace_:
            return False
    return False


def _after_hyphen_interfix(tokens: list[Token], j: int, i: int) -> bool:
    """tokens[j] follows the tussenvoegsel of the second part of a double name ("Hek-ter" +
    "Haar", "Jansen - van der" + "Linden"): it is that surname, even when it is a word."""
    k = j - 1
    interfixes = 0
    while k > i and _is_interfix(tokens[k]) and not tokens[k].whitespace_.count("\n"):
        k -= 1
        interfixes += 1
    if _ENDS_IN_INTERFIX.search(tokens[k].text):
        return True
    return interfixes > 0 and tokens[k].text == "-" and k > i


def _token_ok(t: Token, lex: Lexicons) -> bool:
    word = t.lower_.rstrip(".")
    if word in INTERFIXES:
        return True
    return word not in _STOP and not lex.is_role(word) and word not in lex.titles


_BROKEN_BEFORE = re.compile(r"\w-[ \t]*\n[ \t]*$")
_BROKEN_AFTER = re.compile(r"-[ \t]*\n")


def _word_fragment(text: str, start: int, end: int) -> bool:
    """Part of a word hyphenated over two lines ("benadruk-\nken"): never a name."""
    return bool(_BROKEN_BEFORE.search(text, max(0, start - 8), start)) or bool(
        _BROKEN_AFTER.match(text, end)
    )


def _age_follows(tokens: list[Token], end: int, lex: Lexicons) -> bool:
    """ "en Jesús Fernández (10)": a name chain followed by an age in brackets is a child's
    name, unless its words are ordinary words ("Kinderen Thuis (3)")."""
    if end + 2 >= len(tokens) or tokens[end].text != "(" or not tokens[end + 1].like_num:
        return False
    if tokens[end + 2].text != ")" and tokens[end + 2].lower_ != "jaar":
        return False
    words = [t for t in tokens[max(0, end - 4) : end] if _is_name_shaped(t)]
    return bool(words) and any(
        t.lower_ in lex.first_names or not lex.is_dutch_word(t.text) for t in words
    )


def _first_name_like_a_word(tokens: list[Token], i: int, lex: Lexicons) -> bool:
    """ "en Wil Op den Kamp": a first name that is also a common word ("wil", "ben") starts a
    name mid-sentence when it is capitalised and a surname follows."""
    t = tokens[i]
    if i == 0 or i + 1 >= len(tokens) or t.lower_ not in lex.first_names:
        return False
    prev = tokens[i - 1]
    if prev.text in {".", "!", "?", ":"} or "\n" in prev.text + prev.whitespace_:
        return False
    nxt = tokens[i + 1]
    return (_is_name_shaped(nxt) and _token_ok(nxt, lex)) or (
        _is_interfix(nxt) and i + 2 < len(tokens) and _is_name_shaped(tokens[i + 2])
    )


def _lowercase_surname(tokens: list[Token], end: int, lex: Lexicons) -> int:
    """After an announced first name: the end of a lowercase surname that follows it
    ("Anna koster", "ingrid de jong", "kevin van dijk"), or ``end`` when none does."""
    k = end
    n = len(tokens)
    if k >= n or tokens[k - 1].whitespace_ != " ":
        return end
    interfixes = 0
    while k < n and tokens[k].is_lower and _is_interfix(tokens[k]) and tokens[k].whitespace_:
        k += 1
        interfixes += 1
    if k >= n:
        return end
    w = tokens[k]
    word = w.lower_
    if not (w.is_lower and w.is_alpha and len(word) >= 2) or word in _STOP or lex.is_role(word):
        return end
    if interfixes:  # "de jong", "van dijk": after a tussenvoegsel, a surname-like word
        ok = word in lex.surnames or not lex.is_dutch_word(word)
    else:
        ok = word in lex.surnames and (
            not lex.is_dutch_word(word) or not word.endswith(_VERB_ENDINGS)
        )
    return k + 1 if ok else end


def _possessive(t: Token, lex: Lexicons) -> int:
    """Length of the span of a name in a possessive, else 0: the whole word when the "s" is
    glued on ("Kayleighs" -> 9, as the annotation conventions mark it), the name without
    the apostrophe and "s" otherwise ("Daan's" -> 4)."""
    m = _POSSESSIVE.match(t.text)
    if m is None:
        return 0
    stem = m.group(1)
    low = t.lower_
    if low in lex.first_names or low in lex.surnames or lex.is_dutch_word(low):
        return 0  # "Kees", "Jans", "Anders": the whole word is a name or a word
    if lex.is_role(stem.lower()) or stem.lower() in lex.titles:
        return 0  # "Opa's"
    if t.text[len(stem)] in "'’":  # "Daan's": unmistakably a possessive
        return len(stem) if stem.lower() in lex.first_names | lex.surnames else 0
    if stem.lower() not in lex.first_names or lex.is_dutch_word(stem):
        return 0
    return len(t.text)


def find(ctx: Context) -> Iterator[Entity]:
    lex = ctx.lex
    tokens = ctx.tokens
    n = len(tokens)
    i = 0
    lowercase_starts = _lowercase_starts(ctx.doc.vocab, lex)
    cue_words = _cue_words(ctx.doc.vocab, lex)
    while i < n:
        t = tokens[i]
        # Cheap C-level checks first: most tokens are lowercase words or punctuation that
        # cannot start a name (hash look-up, no string is built).
        if (
            t.is_punct
            or t.is_space
            or t.like_num
            or (
                t.is_lower
                and t.lower not in lowercase_starts
                and not (i and tokens[i - 1].lower in cue_words)
            )
        ):
            i += 1
            continue
        initials = bool(_INITIALS.match(t.text)) and len(t.text) >= 2
        if not (initials or _is_name_shaped(t) or t.is_lower):
            i += 1
            continue
        prev = tokens[i - 1] if i else None
        cue = _cue_before(ctx, tokens, i)
        if cue == "role" and t.is_lower and _is_interfix(t):
            cue = None  # "moeder van Sven": after a role word, a lowercase "van" is a preposition
        if (
            cue == "title"
            and t.lower_ == "van"
            and t.is_lower
            and prev.lower_ in _KIN_TITLES
            and i + 1 < n
            and tokens[i + 1].lower_ in lex.first_names
            and tokens[i + 1].lower_ not in lex.surnames
        ):
            cue = None  # "opa van Ilja" (not "juf van Dongen"): "van" + a first name
        if t.is_lower and (cue or (prev is not None and prev.lower_ in _FAMILY)):
            end = _lowercase_after_cue(tokens, i, lex, cue)
            if end > i:  # "mevrouw hofman", "mijn dochter jeanaly", "de familie de wit"
                last = tokens[end - 1]
                yield entity(t.idx, last.idx + len(last), LABEL, "names-lowercase-cue", 0.7)
                i = end
                continue
        starts_chain = initials or _is_name_shaped(t) or (cue and _is_interfix(t))
        if (
            starts_chain
            and t.text not in LEGAL_FORMS
            and (_token_ok(t, lex) or _first_name_like_a_word(tokens, i, lex))
        ):
            end = _chain_end(tokens, i, lex, cue)
            while (
                not cue
                and end - i > 1
                and lex.is_dutch_word(t.text)
                and t.lower_ not in lex.first_names
                and not (t.text in _SURNAME_STARTS and not _sentence_start(prev))
            ):
                i += 1  # "Ook Anna de Ridder": the sentence's first word is not the name
                t = tokens[i]
                prev = tokens[i - 1]
            if end > i:
                span_tokens = tokens[i:end]
                if _vouched(span_tokens, cue, prev, lex) or _age_follows(tokens, end, lex):
                    if cue and end - i == 1 and t.lower_ in lex.first_names:
                        end = _lowercase_surname(tokens, end, lex)
                    last = tokens[end - 1]
                    yield entity(
                        t.idx, last.idx + len(last), LABEL, "names-cue" if cue else "names-list"
                    )
                    i = end
                    continue
            stem = _possessive(t, lex)
            if stem and i + 1 < n and tokens[i + 1].is_lower:
                yield entity(t.idx, t.idx + stem, LABEL, "names-possessive", 0.8)
        elif (
            t.is_lower
            and len(t.text) >= 3
            and t.lower_ in lex.first_names
            and t.lower_ not in _STOP
            and (
                cue in ("role", "title", "intro")
                or not (
                    lex.is_dutch_word(t.text) or t.lower_ in lex.common or english_word(t.lower_)
                )
            )
            and not _word_fragment(ctx.text, t.idx, t.idx + len(t))
        ):
            # informal mail: "ik heb fatima gebeld", "ik ben ingrid de jong"
            end = _lowercase_surname(tokens, i + 1, lex) if cue else i + 1
            last = tokens[end - 1]
            yield entity(t.idx, last.idx + len(last), LABEL, "names-lowercase", 0.7)
            i = end
            continue
        i += 1
    yield from _signature(ctx)
    yield from _name_with_age(ctx)
    yield from _mail_headers(ctx)
    yield from _lowercase_unknown(ctx)
    yield from _file_names(ctx)
    yield from _capitals(ctx)
    for start, end in pinyin.names(ctx.text, lex):  # "Li Na": a family name, then pinyin
        yield entity(start, end, LABEL, "names-pinyin", 0.8)


_AGE_AFTER = re.compile(r"\b([A-ZÀ-ÞŁŚŞ][\w'’À-ž-]+)\s?\(\d{1,2}(?:\s?jaar)?\)")
_WORD_AFTER = re.compile(r"[ \t]+([A-ZÀ-ÞŁŚŞ][\w'’À-ž-]+)")


def _name_with_age(ctx: Context) -> Iterator[Entity]:
    """ "Oliwia (10) en Kacper (6)": a capitalised word with an age in brackets is a child's
    name, unless it is an ordinary word ("Kinderen (3)"). A surname right after the bracket
    belongs to the children ("Bram (4) Jansen")."""
    lex = ctx.lex
    for m in _AGE_AFTER.finditer(ctx.text):
        word = m.group(1)
        low = word.lower()
        if low in _STOP or lex.is_role(low) or word.isupper():
            continue
        if lex.is_dutch_word(word) and low not in lex.first_names:
            continue
        yield entity(m.start(1), m.end(1), LABEL, "names-age")
        after = _WORD_AFTER.match(ctx.text, m.end())
        if after is not None:
            surname = after.group(1)
            low = surname.lower()
            if low in lex.surnames and low not in _STOP and not lex.is_role(low):
                yield entity(after.start(1), after.end(1), LABEL, "names-age-surname", 0.8)


_LOWER_CACHE: dict[int, frozenset[int]] = {}
# After these an unknown capitalised word is more likely a place ("lives in Enugu").
_LOCATIVE = frozenset(["in", "uit", "naar", "te", "nabij", "from", "near", "to", "at"])
_CUE_CACHE: dict[int, frozenset[int]] = {}
# "de familie de wit", "fam. bakker": a family name follows, also written in lowercase.
_FAMILY = frozenset(["familie", "fam", "fam."])


def _cue_words(vocab: Vocab, lex: Lexicons) -> frozenset[int]:
    """Hashes of the words after which a lowercase word may be a name (titles, roles)."""
    key = id(vocab)
    if key not in _CUE_CACHE:
        words = (*lex.titles, *lex.roles, *_FAMILY, *(f"{t}." for t in _ABBREVIATED_TITLES))
        _CUE_CACHE[key] = frozenset(vocab.strings.add(w) for w in words if " " not in w)
    return _CUE_CACHE[key]


def _lowercase_after_cue(tokens: list[Token], i: int, lex: Lexicons, cue: str | None) -> int:
    """The end of a lowercase name that a title, role or "familie" announces ("mevrouw
    hofman", "mijn zoon rignaldo", "familie de wit"), or ``i`` when none does. Known first
    names are left to the informal-mail rule."""
    n = len(tokens)
    k = i
    while k < n and _is_interfix(tokens[k]) and tokens[k].is_lower and tokens[k].whitespace_:
        k += 1
    if k >= n or (k > i and cue not in ("title", "intro", None)):
        return i  # after a role, "van de" is a preposition; a title, intro or "familie" here
    w = tokens[k]
    word = w.lower_
    if not (w.is_lower and w.is_alpha and len(word) >= 3):
        return i
    if word in _STOP or lex.is_role(word) or word in lex.titles:
        return i
    if k == i and word in lex.first_names:
        return i
    if cue in ("title", None) and word in lex.surnames:
        ok = k > i or not lex.is_dutch_word(word) or not word.endswith(_VERB_ENDINGS)
    else:
        # A cue announces a name: the letters need only lean towards one.
        ok = unknown_name_like(word, lex, lowercase=True, threshold=namelike.CUED_THRESHOLD)
    if not ok:
        return i
    return _lowercase_surname(tokens, k + 1, lex) if k == i else k + 1


def _lowercase_starts(vocab: Vocab, lex: Lexicons) -> frozenset[int]:
    """Hashes of the lowercase words that can start a name: first names and tussenvoegsels."""
    key = id(vocab)
    if key not in _LOWER_CACHE:
        _LOWER_CACHE[key] = frozenset(vocab.strings.add(w) for w in (*lex.first_names, *INTERFIXES))
    return _LOWER_CACHE[key]


def _cue_before(ctx: Context, tokens: list[Token], i: int) -> str | None:
    """What announces a name at token i: "title", "role", "intro" (mijn naam is), or None."""
    if i == 0:
        return None
    prev = tokens[i - 1]
    if prev.is_space and prev.text.count("\n") == 1 and i >= 2 and not prev.text.strip(" \n"):
        # "mijn moeder\nKamla …" (a PDF line break after the role): the role still announces
        # the name, unless the new line starts with an ordinary word ("Geachte").
        t = tokens[i]
        if t.lower_ in _STOP or (
            ctx.lex.is_dutch_word(t.text) and t.lower_ not in ctx.lex.first_names
        ):
            return None
        window = [*tokens[max(0, i - 4) : i - 1], t]
        cue = _cue_before(ctx, window, len(window) - 1)
        return cue if cue in ("title", "role") else None
    word = prev.lower_.rstrip(".")
    if prev.text == "." and i >= 2:
        # "Mw. de Boer" (tokenised Mw + .): only an abbreviated title may stand before the
        # period; after "zijn juf." a new sentence starts.
        abbr = tokens[i - 2]
        return "title" if not abbr.whitespace_ and abbr.lower_ in _ABBREVIATED_TITLES else None
    if prev.text.endswith(".") and word not in _ABBREVIATED_TITLES:
        return None  # "juf." as one token: the end of a sentence
    if i >= 2 and f"{tokens[i - 2].lower_} {word}" in ctx.lex.titles:
        return "title"  # "de heer"
    if word in ctx.lex.titles:
        if i >= 2 and tokens[i - 2].lower_ in _DETERMINERS:
            return "role"  # "de juf van Sem": a noun here, and "van" is a preposition
        return "title"
    if ctx.lex.is_role(word) or word in _FAMILY:
        return "role"  # "mijn zoon Daan", "de familie Öztürk-Yılmaz"
    if prev.text == "," and i >= 2 and ctx.lex.is_role(tokens[i - 2].lower_):
        return "role"  # "mijn man, Rob"
    before = ctx.text[max(0, tokens[i].idx - 25) : tokens[i].idx]
    return "intro" if _introduced(before) else None


# How each introduction of ``_NAME_IS`` ends, before the trailing space and comma.
_NAME_IS_ENDS = (
    "is", "ben", "heet", "heette", "heten", "genaamd", "genoemd", "namens", "ondergetekende",
    "am", "named", "called", "me", "hem", "haar", "mij", "ons", "naam", ":",
)  # fmt: skip
# Characters that match an ASCII letter under re.IGNORECASE but lowercase to something else
# (and the Kelvin sign, to be safe): a window holding one goes to the expression.
_FOLDS_TO_ASCII = frozenset("İıſ\u212a")


def _introduced(before: str) -> bool:
    """``_NAME_IS.search(before)``, with a cheap test first: the window must end (after
    spaces and one comma) in how an introduction ends. Exact: the test only skips windows
    the expression cannot match."""
    tail = before.rstrip()
    if tail.endswith(","):
        tail = tail[:-1].rstrip()
    if not tail.lower().endswith(_NAME_IS_ENDS) and _FOLDS_TO_ASCII.isdisjoint(tail):
        return False
    return _NAME_IS.search(before) is not None


# A capitalised "Van" (or "Ter", "Ten", "Von") in mid-sentence starts a surname written without
# a first name ("een zekere Van Dam", "Ter Horst belde"); a capitalised "De" or "Den" also
# starts organisations and places ("De Regenboog", "Den Haag") and is left to other rules.
_SURNAME_STARTS = frozenset(["Van", "Ter", "Ten", "Von", "VAN"])


def _sentence_start(prev: Token | None) -> bool:
    """Sentence start judged from the neighbour (no sentence segmentation needed)."""
    return prev is None or prev.text in {".", "!", "?", ":"} or "\n" in prev.text + prev.whitespace_


def _vouched(span: list[Token], cue: str | None, prev: Token | None, lex: Lexicons) -> bool:
    if cue:
        return True
    words = [t for t in span if not _is_interfix(t) and t.text not in "-()"]
    if not words:
        return False
    if any(_INITIALS.match(t.text) for t in words) and len(words) >= 2:
        return True
    first = words[0]
    sentence_start = _sentence_start(prev)
    if (
        span[0].text in _SURNAME_STARTS
        and not sentence_start
        and (len(words) == 1 or (len(words) == 2 and any(t.text == "-" for t in span)))
    ):
        return True  # "een zekere Van Dam": a surname written without a first name
    known_first = [t for t in words if t.lower_ in lex.first_names]
    if (
        not sentence_start
        and (prev is None or prev.lower_ not in _LOCATIVE)
        and all(unknown_name_like(t.text, lex) for t in words)
    ):
        return True  # "mama van Oliwia", "grootmoeder Ngozi Obi": rare names, by their letters
    if not known_first:
        # Two or more capitalised unknown words mid-sentence with a known surname.
        return (
            len(words) >= 2
            and not sentence_start
            and any(t.lower_ in lex.surnames and not lex.is_dutch_word(t.text) for t in words)
        )
    if len(words) >= 2:
        return True
    # A single known first name: when it is not an ordinary Dutch word, or when it is a rare
    # one written with a capital in mid-sentence ("gezinsvoogd gekomen, Demi.", not "de Roos").
    if not lex.is_dutch_word(first.text):
        return not sentence_start or len(first.text) > 3
    return (
        not sentence_start
        and first.lower_ not in lex.common
        and prev is not None
        and prev.lower_ not in _DETERMINERS
    )


def _compound(word: str, lex: Lexicons) -> bool:
    """Two Dutch words glued together ("Jeugdzorgteam"): a word the vocabulary lacks, no name."""
    low = word.lower()
    return any(
        low[:k] in lex.vocabulary and low[k:] in lex.vocabulary for k in range(4, len(low) - 3)
    )


def unknown_name_like(
    word: str, lex: Lexicons, lowercase: bool = False, threshold: float = namelike.THRESHOLD
) -> bool:
    """A word the lists do not know that reads as a name by its letters ("Oliwia", "Faadumo"):
    no Dutch or English word, place, role, acronym or compound."""
    low = word.lower()
    if len(low) < 3 or not low.isalpha() or (word.isupper()) or low in _STOP:
        return False
    if not lowercase and not word[:1].isupper():
        return False
    if lex.is_dutch_word(low) or english_word(low) or low in lex.places or lex.is_role(low):
        return False
    if low in lex.common:
        return False  # "erin": a frequent word that is also a first name
    if low in lex.titles or _compound(low, lex):
        return False
    if low.endswith("s") and (low[:-1] in lex.first_names or low[:-1] in lex.surnames):
        return False  # "Jaydens": a known name in the possessive, left to that rule
    return namelike.load(lex).score(low) >= threshold


# Address fields of a mail header, also quoted ("> Van: …"), and the words before an address in
# angle brackets ("Tesfay Gebremedhin <t.g@…>", "schreef Wiremu Ngata <…>:").
_HEADER = re.compile(
    r"^[ \t>]*(?:from|van|to|aan|cc|bcc|reply-to|antwoord aan)[ \t]*:[ \t]*(?P<value>[^\n]+)$",
    re.IGNORECASE | re.MULTILINE,
)
_ANGLE_ADDRESS = re.compile(r"[\"']?<[^<>\s@]+@[^<>\s]+>")
_BEFORE_ADDRESS = re.compile(
    rf"(?P<name>(?:(?:[{_UPPER}][\w'’À-ž-]*\.?|{_HYPHEN_INTERFIX}|'t)[ \t]+){{1,5}})$"
)
_ADDRESS = re.compile(r"<[^<>\n]*>|\[mailto:[^\]\n]*\]|\S+@\S+|[\"']")


def _header_name(words: list[str], lex: Lexicons) -> bool:
    """The words of an address field read as a person's name: initials, tussenvoegsels and
    capitalised words that are names or no Dutch words ("Aan: Gemeente Utrecht" is none)."""
    core = [w for w in words if w.lower() not in INTERFIXES and not _INITIALS.match(w)]
    if not core or len(words) > 5:
        return False
    for w in core:
        low = w.lower().rstrip(".,")
        if not w[:1].isupper() or w.isupper() or not low.replace("-", "").isalpha():
            return False
        if low in _STOP or lex.is_role(low) or low in lex.titles:
            return False
        known = low in lex.first_names or low in lex.surnames
        if not known and (lex.is_dutch_word(low) or english_word(low) or _compound(low, lex)):
            return False
    return True


# (The first letter before the look-behind: the engine jumps between lowercase letters.)
_LOWER_WORD = re.compile(r"[a-zà-öø-ÿ](?<![\w@./'’-].)[a-zà-öø-ÿ]{3,}(?![\w@/'’-])")
# For a lowercase word with no cue the letters must be sure, and the word rare as Dutch.
_UNCUED_LOWER_THRESHOLD = 0.9
_RARE_DUTCH_ZIPF = 3.0


def _lowercase_unknown(ctx: Context) -> Iterator[Entity]:
    """Informal mail: a lowercase word that no list knows and that reads as a name ("ik zag
    jaylano gisteren"). Known first names are the informal-mail rule's; this one is for the
    names the lists lack."""
    lex = ctx.lex
    # The word tests depend on the word alone: settle them once per distinct word, then walk
    # the matches only when a word passed.
    # (``in``, not set difference: the name sets also find a word by its folded spelling.)
    names = {
        word
        for word in set(_LOWER_WORD.findall(ctx.text))
        if word not in lex.vocabulary
        and word not in lex.first_names
        and word not in lex.surnames
        and unknown_name_like(word, lex, lowercase=True, threshold=_UNCUED_LOWER_THRESHOLD)
        and _dutch_zipf(word) < _RARE_DUTCH_ZIPF
    }
    if not names:
        return
    for m in _LOWER_WORD.finditer(ctx.text):
        if m.group() in names and not _word_fragment(ctx.text, m.start(), m.end()):
            yield entity(m.start(), m.end(), LABEL, "names-lowercase-unknown", 0.6)


# A file name with an extension ("foto_auto_rutger.jpg", "verslag-Daan-2026.pdf"): its parts
# are words the tokeniser does not see. Looked for from the extension back (a dot is rare).
_EXTENSION = re.compile(
    r"\.(?:jpe?g|png|heic|gif|pdf|docx?|odt|txt|xlsx?|mp4|mov)(?![\w-])", re.IGNORECASE
)
_FILE_PART = re.compile(r"[^\W\d_]+")


def _file_names(ctx: Context) -> Iterator[Entity]:
    """A known first name as a part of a file name ("foto_kenteken_rutger.jpg"), in any case,
    when it is no Dutch, common or English word."""
    text = ctx.text
    if "." not in text:
        return
    lex = ctx.lex
    for ext in _EXTENSION.finditer(text):
        start = ext.start()
        while start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            start -= 1
        stem = text[start : ext.start()]
        if "_" not in stem and "-" not in stem:
            continue
        for part in _FILE_PART.finditer(stem):
            low = part.group().lower()
            if (
                len(low) >= 3
                and low in lex.first_names
                and low not in _STOP
                and low not in lex.common
                and not lex.is_dutch_word(low)
                and not english_word(low)
                and not lex.is_role(low)
            ):
                at = start + part.start()
                yield entity(at, at + len(low), LABEL, "names-file", 0.7)


# Two or three words in capitals that are not part of a shouted run (those are lowercased
# before the rules run): "ANNA STORM", "Gesprek met ROB DE VRIES".
_CAPS_NAME = re.compile(
    rf"[{_UPPER}](?<![\w@.-].)[{_UPPER}]{{2,}}(?:[ \t]+(?:VAN|DE|DER|DEN|TER|TEN))*"
    rf"[ \t]+[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?(?![\w@-]|\.\w)"
)


def _capitals(ctx: Context) -> Iterator[Entity]:
    """A known first name in capitals followed by a surname in capitals: the surname a list
    surname or first name, or a word no list knows, also when it is a Dutch word ("STORM")."""
    lex = ctx.lex
    for m in _CAPS_NAME.finditer(ctx.text):
        words = m.group().split()
        first, last = words[0].lower(), words[-1].lower()
        if first not in lex.first_names or first in _STOP or lex.is_role(first):
            continue
        if first in lex.common and lex.is_dutch_word(first):
            continue  # "HOOP", "WIL": a word in a heading
        parts = last.split("-")
        if any(p in _STOP or lex.is_role(p) or p in lex.titles for p in parts):
            continue
        if all(
            p in lex.surnames or p in lex.first_names or unknown_name_like(p.capitalize(), lex)
            for p in parts
        ):
            yield entity(m.start(), m.end(), LABEL, "names-capitals", 0.8)


def _dutch_zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ModuleNotFoundError:
        return 0.0
    return zipf_frequency(word, "nl")


def _mail_headers(ctx: Context) -> Iterator[Entity]:
    """Names in the address fields of mail headers and before an address in angle brackets."""
    text = ctx.text
    for m in _HEADER.finditer(text) if ":" in text else ():
        start = m.start("value")
        for part in re.finditer(r"[^;,]+", m.group("value")):
            chunk = _ADDRESS.sub(lambda a: " " * len(a.group()), part.group())
            words = chunk.split()
            if words and _header_name(words, ctx.lex):
                first = chunk.index(words[0])
                last = chunk.rindex(words[-1]) + len(words[-1])
                s = start + part.start()
                yield entity(s + first, s + last, LABEL, "names-header")
    for address in _ANGLE_ADDRESS.finditer(text) if "<" in text else ():
        line_start = max(text.rfind("\n", 0, address.start()) + 1, address.start() - 80)
        m = _BEFORE_ADDRESS.search(text, line_start, address.start())
        if m is None:
            continue
        words = m.group("name").split()
        while words and words[0].lower() in INTERFIXES | {"'t"}:
            words = words[1:]
        while words and (words[0].lower() in _STOP or not _header_name(words, ctx.lex)):
            words = words[1:]  # "schreef Wiremu Ngata": only the name before the address
        if words:
            end = m.start("name") + m.group("name").rstrip().__len__()
            start = m.start("name") + m.group("name").index(words[0], 0)
            yield entity(start, end, LABEL, "names-header")


def _signature(ctx: Context) -> Iterator[Entity]:
    """The first non-empty line after a sign-off is the writer's name."""
    text = ctx.text
    for m in _SIGN_OFF.finditer(text):
        rest = text[m.end() :]
        offset = m.end()
        for line in rest.split("\n")[:3]:
            stripped = line.strip(" ,\t\r")
            if not stripped:
                offset += len(line) + 1
                continue
            words = stripped.split()
            if 1 <= len(words) <= 5 and all(
                w[:1].isupper() or w.lower() in INTERFIXES or _INITIALS.match(w) for w in words
            ):
                start = text.index(stripped, offset)
                yield entity(start, start + len(stripped), LABEL, "names-signature")
            break
