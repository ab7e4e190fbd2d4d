"""The contract every recogniser keeps.

A recogniser proposes spans; it knows nothing of the others, of overlaps or of the
chain-organisation allow-list: the engine resolves overlaps and applies the allow-list once,
after all recognisers have proposed (as Presidio's analyzer does). A recogniser is a module (or
any object) with a ``name`` (how configuration switches it off), the ``labels`` it can emit and
``find(ctx)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from schemas.entities import EntityLabel
from schemas.records import Entity

if TYPE_CHECKING:
    from nlp.anonymise.context import Context


@runtime_checkable
class Recogniser(Protocol):
    name: str
    labels: frozenset[EntityLabel]

    def find(self, ctx: Context) -> Iterable[Entity]: ...
