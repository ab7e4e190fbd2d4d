"""Issue 17: life domains (nlp.topics.domains) as the source of emerging-issue candidates.

The lexicon's matching rules, the shipped background's link to the lexicon, the spike test on
hand-made passages, and how a domain cluster becomes a ``nieuw`` topic named after its domain.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from application.topics import label
from nlp.topics import domains as life
from nlp.topics.model import Topic
from nlp.topics.novelty import decide, with_domains
from nlp.topics.units import Unit
from schemas.records import NEW_TOPIC


def _unit(doc: int, words: str, bigrams: tuple[str, ...] = ()) -> Unit:
    return Unit(doc, words, (words,), tuple(words.split()), bigrams)


def _domain(key: str) -> life.Domain:
    return next(d for d in life.domains() if d.key == key)


def test_patterns_match_the_lemma_a_prefix_or_a_compound_head():
    pets = _domain("huisdieren")
    assert pets.mentioned(["hond"])
    assert pets.mentioned(["waakhond"])  # "*hond": a compound whose head is hond
    assert not pets.mentioned(["honderd"])  # no bare prefix "hond*"
    assert pets.mentioned(["konijnenhok"])  # "konijn*"
    sport = _domain("sport_vrije_tijd")
    assert sport.mentioned(["hockeyclub"]) and sport.mentioned(["zwemles"])
    assert not sport.mentioned(["gezinsvoogd", "verslag"])
    insurance = _domain("zorgverzekering")
    assert insurance.mentioned([], ["eigen risico"])  # two lemmas side by side
    assert not insurance.mentioned(["eigen", "risico"])  # not as single words


def test_domain_first_puts_the_domains_words_before_the_rest():
    pets = _domain("huisdieren")
    assert life.domain_first(["oppakken", "kat", "regelen", "hond"], pets) == [
        "kat",
        "hond",
        "oppakken",
        "regelen",
    ]


def test_every_domain_has_a_label_and_enough_words():
    lexicon = life.domains()
    assert len(lexicon) >= 25
    for d in lexicon:
        assert d.label and d.label[0].isupper()
        patterns = len(d.exact) + len(d.prefixes) + len(d.heads) + len(d.bigrams)
        assert patterns >= 8, d.key
        # a wildcard on a very short stem would catch unrelated words
        assert all(len(p) >= 3 for p in (*d.prefixes, *d.heads)), d.key


def test_shipped_background_belongs_to_this_lexicon_and_holds_counts_only():
    raw = json.loads(life.BACKGROUND.read_text(encoding="utf-8"))
    assert raw["lexicon"] == life.lexicon_hash(), "run scripts/fit_topic_background.py"
    assert set(raw["counts"]) == {d.key for d in life.domains()}
    assert raw["n_passages"] > 1000
    assert sum(p["n_passages"] for p in raw["sources"].values()) == raw["n_passages"]
    assert all(isinstance(v, int) and 0 <= v <= raw["n_passages"] for v in raw["counts"].values())
    assert life.background() is not None


def _corpus() -> list[Unit]:
    """60 letters of two passages: 10 about a pet (each in other words), all about school now
    and then (as ordinary complaints are)."""
    pets = ["hond", "kat", "konijn", "poes", "cavia", "waakhond", "dierenarts", "kitten"]
    out = []
    for d in range(60):
        out.append(_unit(d, "gezinsvoogd rapport klopt niet"))
        if d < 10:
            out.append(_unit(d, f"onze {pets[d % len(pets)]} mocht niet mee"))
        elif d % 8 == 0:
            out.append(_unit(d, "school belt niet terug"))
        else:
            out.append(_unit(d, "zitting rechter verslag"))
    return out


def test_emerging_finds_the_domain_that_spikes_not_the_one_that_is_usual():
    passages = _corpus()
    usual = life.Background(2000, {"huisdieren": 2, "school": 250})
    found = life.emerging(passages, 60, usual)
    assert [c.domain.key for c in found] == ["huisdieren"]
    assert found[0].docs == frozenset(range(10))
    assert found[0].ratio > life.MIN_RATIO and found[0].p_value < life.MAX_P
    # the same share of pets is no spike where ordinary complaints mention pets as often
    usual_pets = life.Background(2000, {"huisdieren": 200, "school": 250})
    assert life.emerging(passages, 60, usual_pets) == []


def test_a_background_without_a_source_scores_that_source_as_new():
    pets = [_unit(d, "onze hond") for d in range(10)]
    other = [_unit(d, "zitting rechter") for d in range(90)]
    fitted = life.fit_background(
        {"a.jsonl": pets + other[:40], "b.jsonl": other[40:]}, life.domains()
    )
    assert fitted["n_passages"] == 100 and fitted["counts"]["huisdieren"] == 10
    assert fitted["sources"]["b.jsonl"]["counts"]["huisdieren"] == 0
    usual = life.Background(
        fitted["n_passages"],
        fitted["counts"],
        {n: (p["n_passages"], p["counts"]) for n, p in fitted["sources"].items()},
    )
    rest = usual.without("a.jsonl")
    assert rest.n_passages == 50 and rest.counts["huisdieren"] == 0
    assert rest.share("huisdieren") < usual.share("huisdieren") / 5
    assert usual.without("c.jsonl") is usual  # not a source: unchanged


def test_emerging_needs_a_few_complaints():
    passages = [_unit(0, "hond"), _unit(1, "kat"), *[_unit(d, "zitting") for d in range(2, 80)]]
    assert life.emerging(passages, 80, life.Background(2000, {})) == []


def _housing(n_docs: int, housing_docs: int) -> list[Unit]:
    """Passages of ``n_docs`` complaints; the first ``housing_docs`` also speak of a home."""
    out = []
    for d in range(n_docs):
        out.append(_unit(d, "zitting rechter verslag gezinsvoogd"))
        if d < housing_docs:
            out.append(_unit(d, "woning urgentie corporatie"))
    return out


def test_a_weak_rise_counts_only_when_the_embeddings_group_the_same_complaints():
    passages = _housing(100, 10)
    # housing is common in ordinary complaints: 10 of 110 passages is a rise, but a weak one
    usual = life.Background(2000, {"wonen": 70})
    (found,) = life.emerging(passages, 100, usual)
    assert found.domain.key == "wonen" and found.weak
    assert found.ratio >= life.WEAK_RATIO and life.MAX_P <= found.p_value < life.WEAK_P
    housing = [i for i, u in enumerate(passages) if "woning" in u.lemmas]
    # one partition holds the housing passages together: confirmed
    together = np.zeros(len(passages), dtype=int)
    together[housing] = 1
    assert life.confirmed([found], [together], passages) == [found]
    # no partition does (they are spread over clusters of other complaints): left out
    spread = np.array([u.doc % 5 for u in passages])
    assert life.confirmed([found], [spread], passages) == []
    # a strong rise needs no such agreement
    rare = life.emerging(passages, 100, life.Background(2000, {"wonen": 5}))
    assert not rare[0].weak and life.confirmed(rare, [spread], passages) == rare


def test_with_domains_makes_each_spike_a_cluster_and_names_it():
    passages = _corpus()
    spikes = life.emerging(passages, 60, life.Background(2000, {"school": 250}))
    labels, named = with_domains(np.zeros(len(passages), dtype=int), spikes)
    assert sorted(set(labels.tolist())) == [0, 1]
    assert named == {1: _domain("huisdieren")}
    assert {passages[i].doc for i in np.flatnonzero(labels == 1)} == set(range(10))


def _topic(tid: int, members: list[int], units: list[Unit], signature: float) -> Topic:
    docs = {units[i].doc for i in members}
    return Topic(tid, ["woord"], members, docs, signature=signature, passages=members[:3])


def test_a_domain_cluster_is_new_and_named_even_without_shared_words():
    units = _corpus()
    pets = [i for i, u in enumerate(units) if u.doc < 10 and i % 2 == 1]
    rest = [i for i in range(len(units)) if i not in pets]
    evidence = np.zeros((len(units), 6))
    topics = [_topic(0, rest, units, 0.0), _topic(1, pets, units, 0.1)]  # signature too low
    plain = decide(topics, evidence, 60, units=units)
    assert plain[1].theme != NEW_TOPIC  # on its own words it would not pass
    named = decide(topics, evidence, 60, units=units, domains={1: _domain("huisdieren")})
    assert named[1].theme == NEW_TOPIC and named[1].domain == "Huisdieren"
    assert named[0].theme != NEW_TOPIC


@pytest.mark.parametrize("n_docs", [2, 40])
def test_a_domain_cluster_of_very_few_or_most_complaints_is_not_new(n_docs):
    units = [_unit(d, "hond") for d in range(n_docs)] + [_unit(d, "x") for d in range(60)]
    members = list(range(n_docs))
    topic = _topic(0, members, units, 0.0)
    evidence = np.zeros((len(units), 6))
    decided = decide([topic], evidence, 60, units=units, domains={0: _domain("huisdieren")})
    assert decided[0].theme != NEW_TOPIC


def test_label_names_the_domain_before_the_words():
    assert label(NEW_TOPIC, ["hond", "kat", "konijn", "eten"], "Huisdieren") == (
        "nieuw: Huisdieren (hond, kat, konijn)"
    )
    assert label(NEW_TOPIC, ["taxi", "bus"]) == "nieuw: taxi, bus"


def test_a_domain_inside_an_issue_found_by_its_words_does_not_split_it_but_names_it():
    passages = _corpus()
    spikes = life.emerging(passages, 60, life.Background(2000, {"school": 250}))
    labels = np.zeros(len(passages), dtype=int)
    pets = list(spikes[0].units)
    labels[pets[:8]] = 1  # consensus found most of the pet passages by their shared words
    kept, named = with_domains(labels, spikes, found={1})
    assert (kept == labels).all()  # not split: no cluster of its own
    assert named == {1: _domain("huisdieren")}  # but that cluster is the domain's issue
    # so it is judged as one: new even where its passages carry some theme evidence, which
    # would turn a cluster found by its words alone away (its domain rose; that is the news)
    members = np.flatnonzero(kept == 1).tolist()
    rest = np.flatnonzero(kept == 0).tolist()
    topics = [_topic(0, rest, passages, 0.0), _topic(1, members, passages, 2.0)]
    evidence = np.full((len(passages), 6), 0.3)
    assert decide(topics, evidence, 60, units=passages)[1].theme != NEW_TOPIC
    assert decide(topics, evidence, 60, units=passages, domains=named)[1].theme == NEW_TOPIC
    _, named = with_domains(labels, spikes, found=set())  # a cluster not found as an issue
    assert list(named.values()) == [_domain("huisdieren")]


def test_an_address_gone_astray_is_content_but_an_address_placeholder_is_not():
    """ "Het verkeerde adres" names what a letter is about and reaches the post domain; the label
    of a placeholder is never a word, whether the tokenizer keeps it whole or splits it off."""
    from nlp.topics.units import units

    (unit,) = units(
        [
            "De beschikking is naar het verkeerde adres gestuurd, terwijl [PERSOON-1] al maanden "
            "op [ADRES-1] woont. Ook de brief over de zitting ging naar [ADRES] in de brievenbus "
            "van de buren."
        ]
    )
    assert "verkeerde adres" in unit.bigrams
    assert unit.lemmas.count("adres") == 1  # the real word, not the two placeholders
    assert not any("persoon" in lemma for lemma in unit.lemmas)
    assert "adres_post" in life.mentions(unit, life.domains())


def test_every_word_and_word_pair_of_the_lexicon_can_match():
    """A pattern is matched against lemmas: an inflected form ("gearresteerd", lemma
    "arresteren"), a word the topic words leave out (a stop word, a possible name, under three
    letters) or one with a hyphen would never match, and the domain would silently lack it."""
    import tomllib

    from nlp.topics.units import _content_lemmas, _nlp

    raw = tomllib.loads(life.LEXICON.read_text(encoding="utf-8"))
    dead = []
    for domain in life.domains():
        for word in raw[domain.key]["words"]:
            if "*" in word:
                continue
            parsed = _nlp()(f"De moeder vertelde over {word} tijdens het gesprek.")
            found = [_content_lemmas(sentence) for sentence in parsed.sents]
            lemmas = [lemma for lem, _ in found for lemma in lem]
            bigrams = [pair for _, big in found for pair in big]
            if not domain.mentioned(lemmas, bigrams):
                dead.append(f"{domain.key}: {word}")
    assert dead == []
