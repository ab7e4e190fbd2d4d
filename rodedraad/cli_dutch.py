"""The command line speaks Dutch, click's own texts included ("Toon deze hulp en stop.",
"Fout: ..."), and follows one naming rule: command and option names are English words (``run``,
``report``, ``--db``, ``--no-pdf``), help and messages are Dutch. Earlier Dutch names stay
accepted as hidden aliases (``nakijken``, ``--geen-pdf``).

Click looks its texts up through ``gettext`` when it needs them; ``install`` points that lookup
at the table below (a text missing from it stays English rather than failing)."""

from __future__ import annotations

import copy
import sys
from typing import Any

import click

_DUTCH = {
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing command.": "Geen opdracht opgegeven.",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Aborted!": "Afgebroken.",
    "required": "verplicht",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "Could not open file {filename!r}: {message}": (
        "Kan bestand {filename!r} niet openen: {message}"
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal ({number_type}).",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} is geen geldige ja/nee-waarde. Toegestaan: {states}"
    ),
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
}
_DUTCH_PLURAL = {
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "Optie {name!r} vraagt een waarde.",
        "Optie {name!r} vraagt {nargs} waarden.",
    ),
    "Did you mean {possibility}?": (
        "Bedoelt u {possibility}?",
        "(Bedoelt u een van: {possibilities}?)",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    "Takes {nargs} values but 1 was given.": (
        "Vraagt {nargs} waarden, maar er is er 1 gegeven.",
        "Vraagt {nargs} waarden, maar er zijn er {len} gegeven.",
    ),
}


def _gettext(message: str) -> str:
    return _DUTCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in _DUTCH_PLURAL:
        one, more = _DUTCH_PLURAL[singular]
        return one if n == 1 else more
    return singular if n == 1 else plural


def install() -> None:
    """Click's texts in Dutch, for this process."""
    for name in ("core", "exceptions", "decorators", "formatting", "parser", "types", "termui"):
        module = sys.modules.get(f"click.{name}") or __import__(f"click.{name}", fromlist=["_"])
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


class AliasOption(click.Option):
    """An option whose names after the first are old names: accepted, not shown in help."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = copy.copy(self)
        shown.opts = [o for o in self.opts if not o.startswith("--")] + [
            o for o in self.opts if o.startswith("--")
        ][:1]
        return click.Option.get_help_record(shown, ctx)


class DutchCommand(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    command_class = DutchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


DutchGroup.group_class = DutchGroup


def hidden_alias(command: click.Command, name: str) -> click.Command:
    """The same command under an old name, left out of the help."""
    alias = copy.copy(command)
    alias.name = name
    alias.hidden = True
    return alias
