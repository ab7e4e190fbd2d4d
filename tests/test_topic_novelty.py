"""nlp.topics.novelty's rules on hand-made passages (no embeddings, no BERTopic): a cluster of
letters' opening passages is a case's setting, not a new issue."""

from __future__ import annotations

import numpy as np

from nlp.topics.model import Topic
from nlp.topics.novelty import MAX_OPENING, decide, opening_share
from nlp.topics.units import Unit
from schemas.records import NEW_TOPIC


def _unit(doc: int, words: str) -> Unit:
    return Unit(doc, words, (words,), tuple(words.split()))


# Ten letters of two passages (a setting, then the issue) and two of one passage.
UNITS = [u for d in range(10) for u in (_unit(d, "toezicht sinds jaar"), _unit(d, "taxi school"))]
UNITS += [_unit(10, "taxi school weg"), _unit(11, "toezicht staat")]
OPENINGS = list(range(0, 20, 2))
ISSUE = [*range(1, 20, 2), 20]


def test_opening_share_counts_first_passages_of_letters_with_more_than_one():
    assert opening_share(UNITS, OPENINGS) == 1.0
    assert opening_share(UNITS, ISSUE) == 0.0  # unit 20 is a one-passage letter: not counted
    assert opening_share(UNITS, [21]) == 0.0
    assert opening_share(UNITS, OPENINGS[:5] + ISSUE[:5]) == 0.5


def test_a_cluster_of_opening_passages_is_not_new_and_the_issue_is():
    def topic(tid: int, members: list[int]) -> Topic:
        docs = {UNITS[i].doc for i in members}
        return Topic(tid, [f"w{tid}"], members, docs, signature=2.0, passages=members[:3])

    evidence = np.zeros((len(UNITS), 6))  # no theme evidence anywhere
    decisions = decide([topic(0, OPENINGS), topic(1, ISSUE)], evidence, 30, units=UNITS)
    assert decisions[1].theme == NEW_TOPIC
    assert decisions[0].theme != NEW_TOPIC
    assert MAX_OPENING < 1.0
    # without positions (no units given) both pass: the rule is what keeps the setting out
    assert decide([topic(0, OPENINGS)], evidence, 30)[0].theme == NEW_TOPIC
