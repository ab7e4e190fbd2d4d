"""Fixtures shared by the anonymiser tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def lex():
    from nlp.anonymise import lexicons

    lex = lexicons.load()
    if not lex.first_names:
        pytest.skip("no name lists (the deduce package is not installed)")
    return lex
