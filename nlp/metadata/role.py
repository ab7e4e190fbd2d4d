"""Who writes: the complainant's role, from how writers introduce themselves.

Writers say who they are in a handful of ways: "ik ben de grootmoeder van", "als moeder wil ik",
"wij zijn de ouders van", "Ondergetekende, vader van", "Mijn naam is Naima en ik ben moeder van",
"namens mijn cliënte", "in mijn rol als vertrouwenspersoon", "ik ben 15"; or it shows in what
they call others: "mijn kleinzoon", "ons pleegkind", "mijn pleegouders", "mijn ex-man". The rules
below look for exactly such self-references, in this order:

1. professionals writing for someone else (advocaat, vertrouwenspersoon, hulpverlener): their
   letters also say "de moeder van", which is then the client, not the writer;
2. an explicit self-introduction; when it names two roles ("ik ben de grootmoeder en
   pleegouder") the one the writer complains in wins: pleegouder over grootouder or familielid;
3. a young person writing about themselves ("ik ben 14", "mijn pleegouders", "ik woon in een
   leefgroep");
4. what the writer calls others ("mijn kleindochter" -> grootouder, "ons pleegkind" ->
   pleegouder, "mijn ex-vrouw" with "mijn zoon" -> vader).

"Mijn moeder" alone does not make the writer a young person (a parent writes about their own
mother too), and "de moeder van mijn kinderen" does not make a father a mother.
"""

from __future__ import annotations

import re

UNKNOWN = "onbekend"
ROLES = (
    "moeder",
    "vader",
    "ouders",
    "grootouder",
    "pleegouder",
    "familielid",
    "jongere",
    "advocaat",
    "vertrouwenspersoon",
    "hulpverlener",
    UNKNOWN,
)

# Role nouns -> role. Longest first when joined into a pattern.
_NOUNS: dict[str, str] = {
    **dict.fromkeys(["moeder", "mama", "mam", "moeders"], "moeder"),
    **dict.fromkeys(["vader", "papa", "pap", "vaders"], "vader"),
    **dict.fromkeys(["ouders", "ouder", "gescheiden ouders"], "ouders"),
    **dict.fromkeys(
        [
            "grootmoeder", "grootvader", "grootouders", "grootouder", "oma", "opa",
            "opa en oma", "oma en opa", "opa's en oma's", "overgrootmoeder",
        ],
        "grootouder",
    ),
    **dict.fromkeys(
        [
            "pleegmoeder", "pleegvader", "pleegouder", "pleegouders", "pleegmama",
            "pleegpapa", "netwerkpleegouder", "netwerkpleegouders", "gezinshuisouder",
            "gezinshuisouders", "gezinshuismoeder", "gezinshuisvader",
        ],
        "pleegouder",
    ),
    **dict.fromkeys(
        [
            "tante", "oom", "zus", "zuster", "broer", "oudere zus", "oudere broer", "stiefmoeder",
            "stiefvader", "neef", "nicht", "peettante", "peetoom",
        ],
        "familielid",
    ),
    **dict.fromkeys(["advocaat", "advocate", "raadsman", "raadsvrouw"], "advocaat"),
    **dict.fromkeys(["vertrouwenspersoon", "vertrouwenswerker"], "vertrouwenspersoon"),
    **dict.fromkeys(
        [
            "hulpverlener", "ambulant hulpverlener", "jeugdhulpverlener", "mentor", "begeleider",
            "ambulant begeleider", "maatschappelijk werker", "schoolmaatschappelijk werker",
            "leerkracht", "docent", "juf", "meester", "intern begeleider", "huisarts",
            "jeugdarts", "behandelaar", "therapeut", "psycholoog", "orthopedagoog",
            "gezinscoach", "jeugdconsulent", "wijkcoach",
        ],
        "hulpverlener",
    ),
}  # fmt: skip
_PROFESSIONAL = ("advocaat", "vertrouwenspersoon", "hulpverlener")
_NOUN = "|".join(sorted((re.escape(n) for n in _NOUNS), key=len, reverse=True))
# Words that may stand between the introduction and the role noun.
_FILLER = (
    r"(?:(?:de|een|hun|zijn|haar|z'n|d'r|trotse|bezorgde|boze|wanhopige|alleenstaande|"
    r"gescheiden|biologische|eigen|juridisch|wettelijke|tijdelijke|enige|oudste|jongste)\s+)*"
)
_INTRO = (
    r"(?:\bik\s+ben|\bwij\s+zijn|\bwe\s+zijn|\ben\s+ik\s+zijn|\bik\s+schrijf\s+(?:u\s+)?(?:dit\s+)?als|"
    r"\bwij\s+schrijven\s+(?:u\s+)?als|\bik\s+werk\s+als|\bwerkzaam\s+als|"
    r"\bin\s+mijn\s+(?:rol|functie|hoedanigheid)\s+(?:als|van)|\bin\s+de\s+hoedanigheid\s+van|"
    r"\bondergetekende,?|\bik\s*,|\bwij\s*,|\bik\s+als|\bwij\s+als|\bals|"
    r"\bik\s+ben\s+[A-Z][\w'-]+\s+en\s+(?:ik\s+ben|ben)|"
    r"\bmijn\s+naam\s+is\s+[^.,\n]{1,40}?,?\s+(?:en\s+)?(?:ik\s+ben\s+|ben\s+)?)"
)
_SELF = re.compile(
    rf"{_INTRO}\s+{_FILLER}(?P<a>{_NOUN})\b"
    rf"(?:(?:\s+van\s+[^.,;\n]{{1,30}}?)?\s+(?:en|&)\s+(?:ook\s+|tevens\s+|daarnaast\s+)?"
    rf"{_FILLER}(?P<b>{_NOUN})\b)?",
    re.I,
)
_SELF_FIRST = re.compile(
    rf"^\s*(?P<a>{_NOUN})\s+van\s+(?!mijn|onze|ons|de|het|haar|zijn|hun)\w", re.I | re.M
)  # "Moeder van Sem" at the start of a line (heading, signature)
_SIGNED = re.compile(rf"^[^\n]{{0,60}},\s+(?P<a>{_NOUN})(?:\s+van\b|\s*$)", re.M | re.I)

_CLIENT = re.compile(
    r"\bnamens\s+(?:mijn\s+|onze\s+)?cli[eë]nt|\bmijn\s+cli[eë]nt|\bmr\.\s+[A-Z]|"
    r"\badvocatenkantoor|\badvocatenpraktijk|\badvocaten\b",
    re.I,
)
_YOUNG = re.compile(
    r"\bik\s+ben\s+(?:nu\s+|net\s+|bijna\s+)?(?:1[0-9]|[89]|2[01])(?:\s+jaar)?\b(?!\s*(?:jaar\s+)?(?:getrouwd|gescheiden|moeder|vader|samen|bezig|aan))|"
    r"\bik\s+(?:word|werd)\s+(?:binnenkort\s+|volgende\s+maand\s+|over\s+\w+\s+\w+\s+)?1[0-9]\b|"
    r"\bik\s+ben\s+(?:net\s+)?1[0-9]\s+geworden|"
    r"\bmijn\s+(?:pleegouders|pleegmoeder|pleegvader|pleeggezin|groepsleiding|groepsleider|"
    r"mentor\s+op\s+de\s+groep|leefgroep|jeugdreclasseerder)\b|"
    r"\bik\s+(?:woon|zit|verblijf)\s+(?:nu\s+|al\s+[^.]{1,20}\s+|sinds\s+[^.]{1,20}\s+)?in\s+een\s+"
    r"(?:pleeggezin|leefgroep|gezinshuis|woongroep|instelling|gesloten\s+instelling|"
    r"kamertrainingscentrum|behandelgroep|jeugdinstelling|crisisopvang)|"
    r"\bmijn\s+(?:voogd|gezinsvoogd|jeugdbeschermer)\s+(?:van\s+[\w ]+\s+)?(?:zegt|wil|heeft|is)\b"
    r"(?=[^.]*\b(?:ik|mij|me)\b)",
    re.I,
)
_CHILD = r"(?:zoon|dochter|kind|kinderen|zoontje|dochtertje|jongste|oudste|tweeling)"
_GRANDCHILD = re.compile(r"\b(?:mijn|ons|onze)\s+klein(?:kind|kinderen|zoon|dochter)s?\b", re.I)
_FOSTER_CHILD = re.compile(r"\b(?:mijn|ons|onze)\s+pleeg(?:kind|kinderen|zoon|dochter)s?\b", re.I)
_OWN_CHILD = re.compile(rf"\b(?:mijn|ons|onze)\s+(?:\w+\s+)?{_CHILD}\b", re.I)
_HUSBAND = re.compile(r"\bmijn\s+(?:ex-?man|ex-?partner,?\s+hij|man|ex-?vriend|echtgenoot)\b", re.I)
_WIFE = re.compile(r"\bmijn\s+(?:ex-?vrouw|vrouw|ex-?vriendin|echtgenote)\b", re.I)


def complainant_role(text: str) -> str:
    professional = _professional(text)
    if professional:
        return professional
    introduced = _introduced(text)
    if introduced:
        return introduced
    if _YOUNG.search(text):
        return "jongere"
    if _FOSTER_CHILD.search(text):
        return "pleegouder"
    if _GRANDCHILD.search(text):
        return "grootouder"
    if _OWN_CHILD.search(text):
        husband, wife = bool(_HUSBAND.search(text)), bool(_WIFE.search(text))
        if husband != wife:
            return "moeder" if husband else "vader"
    return UNKNOWN


def _roles_in(pattern: re.Pattern[str], text: str) -> list[str]:
    found = []
    for m in pattern.finditer(text):
        for group in ("a", "b"):
            noun = m.groupdict().get(group)
            if noun:
                found.append(_NOUNS[" ".join(noun.lower().split())])
    return found


def _self_introductions(text: str) -> list[str]:
    found = []
    for m in _SELF.finditer(text):
        if m.group(0)[:3].lower() == "als" and _about_someone_else(text, m.start()):
            continue
        for group in ("a", "b"):
            noun = m.group(group)
            if noun:
                found.append(_NOUNS[" ".join(noun.lower().split())])
    found += _roles_in(_SELF_FIRST, text) + _roles_in(_SIGNED, text)
    return found


def _about_someone_else(text: str, start: int) -> bool:
    """ "als" about another person: "zie mijn ex niet als vader", "zijn moeder als pleegouder"."""
    before = text[max(0, start - 40) : start].lower()
    return bool(re.search(r"\b(?:niet|wel|hem|haar|hen|ze|zijn|mijn \w+)\s*$", before))


def _professional(text: str) -> str | None:
    roles = [r for r in _self_introductions(text) if r in _PROFESSIONAL]
    if "vertrouwenspersoon" in roles:
        return "vertrouwenspersoon"
    if "advocaat" in roles or _CLIENT.search(text):
        return "advocaat"
    return roles[0] if roles else None


def _introduced(text: str) -> str | None:
    roles = [r for r in _self_introductions(text) if r not in _PROFESSIONAL]
    if not roles:
        return None
    if "pleegouder" in roles:
        return "pleegouder"
    return roles[0]
