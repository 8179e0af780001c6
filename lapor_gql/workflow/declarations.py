"""What a diagram declares in its elements' properties: actions with inputs, stages, audit labels.

Everything is a ``spiffworkflow:property`` (name and value), which every bpmn.io-based modeler edits:

* ``action`` = ``confirm_close``; ``action_label_id``, ``action_label_en``: an action of its own;
* ``input:<name>`` = ``<kind> required|optional | <Indonesian label> | <English label>`` for each of
  its inputs, kinds from ``INPUT_KINDS``; ``choices:<name>`` = ``code = Label / Label; …`` for a
  ``choice`` input;
* ``stage`` = ``AWAITING_CONFIRMATION``; ``stage_label_id``, ``stage_label_en``: a stage of its own,
  next to the ``status`` it maps to;
* ``audit_label_id``, ``audit_label_en``: the labels of an ``audit`` code;
* ``rating`` = ``clear``: passing the element clears the report's rating (e.g. a reopening).

Parsing never raises: ``declaration_problems`` lists what is wrong, for the validator, and the
parsers skip what they cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .contract import ActionDeclaration, Choice, InputDeclaration, Labels

LANGUAGES = ("id", "en")
INPUT_KINDS = frozenset({"note", "internal_note", "agency", "yesno", "choice", "rating"})
"""``note``: a text everyone who sees the report reads; ``internal_note``: a text for officers;
``agency``: an agency (its code reaches the workflow); ``yesno``: true or false; ``choice``: one of the
codes its ``choices:<name>`` property lists; ``rating``: a whole number from 1 to 5, the reporter's
rating of the resolution, which the report keeps (and refuses a second while one stands). ``yesno``,
``choice`` and ``rating`` values reach the workflow under the input's name, for gateways to branch on."""
RATING_SCORES = range(1, 6)
RATING_CLEAR = "clear"
"""The one value of the ``rating`` property: passing the element clears the report's rating."""
NOTE_KINDS = frozenset({"note", "internal_note"})

CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
ACTION_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
INPUT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_INPUT_PREFIX = "input:"
_CHOICES_PREFIX = "choices:"


def labels_of(properties: Mapping[str, str], prefix: str) -> dict[str, str]:
    """``{prefix}_label_id`` and ``{prefix}_label_en``, the ones present and not blank."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        if text := (properties.get(f"{prefix}_label_{language}") or "").strip():
            found[language] = text
    return found


def _split_labels(text: str, separator: str) -> dict[str, str]:
    parts = [part.strip() for part in text.split(separator)]
    return {language: part for language, part in zip(LANGUAGES, parts, strict=False) if part}


def _parse_choices(text: str) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for entry in text.split(";"):
        if not entry.strip():
            continue
        code, _, labels = entry.partition("=")
        choices.append(Choice(code.strip(), _split_labels(labels, "/")))
    return tuple(choices)


def _parse_input(name: str, value: str, properties: Mapping[str, str]) -> InputDeclaration:
    head, _, labels = value.partition("|")
    words = head.split()
    kind = words[0] if words else ""
    required = "required" in words[1:]
    choices = _parse_choices(properties.get(f"{_CHOICES_PREFIX}{name}", "")) if kind == "choice" else ()
    return InputDeclaration(name, kind, required, _split_labels(labels, "|"), choices)


def inputs_of(properties: Mapping[str, str]) -> tuple[InputDeclaration, ...]:
    return tuple(
        _parse_input(key[len(_INPUT_PREFIX) :].strip(), value, properties)
        for key, value in properties.items()
        if key.startswith(_INPUT_PREFIX)
    )


def declares_action(properties: Mapping[str, str]) -> bool:
    return bool(labels_of(properties, "action")) or any(key.startswith(_INPUT_PREFIX) for key in properties)


def action_declaration(code: str, properties: Mapping[str, str]) -> ActionDeclaration | None:
    """The action an element declares, or None when it uses one of the application's actions."""
    if not declares_action(properties):
        return None
    return ActionDeclaration(code, labels_of(properties, "action"), inputs_of(properties))


def stage_labels(properties: Mapping[str, str]) -> Labels:
    return labels_of(properties, "stage")


def audit_labels(properties: Mapping[str, str]) -> Labels:
    return labels_of(properties, "audit")


def _missing_labels(labels: Labels, what: str, prefix: str) -> Iterator[str]:
    missing = [language for language in LANGUAGES if language not in labels]
    if missing:
        names = ", ".join(f"'{prefix}_label_{language}'" for language in missing)
        yield f"{what} needs its labels in Indonesian and English: add {names}"


def declaration_problems(
    properties: Mapping[str, str],
    action: str | None,
    builtin_actions: frozenset[str],
    known_audit_codes: frozenset[str],
    reserved_names: frozenset[str],
) -> Iterator[str]:
    """What is wrong with one element's declarations (``action`` is None where no one acts)."""
    declared = declares_action(properties)
    if declared and action is None:
        yield "only a user task or a message catch event can declare an action"
    if action is not None and declared:
        if action in builtin_actions:
            yield (
                f"{action!r} is one of the application's actions, with its own labels and inputs; "
                "give a new action its own code"
            )
        elif not ACTION_CODE.match(action):
            yield f"action code {action!r} must be 1 to 40 small letters, digits or '_' (e.g. confirm_close)"
        yield from _missing_labels(labels_of(properties, "action"), f"action {action!r}", "action")
        for declaration in inputs_of(properties):
            yield from _input_problems(declaration, reserved_names)
    elif action is not None and action not in builtin_actions:
        yield (
            f"unknown action {action!r}: the application's actions are {', '.join(sorted(builtin_actions))}; "
            "to declare a new one, give the element 'action_label_id' and 'action_label_en' (and its inputs)"
        )
    for key in properties:
        if (
            key.startswith(_CHOICES_PREFIX)
            and f"{_INPUT_PREFIX}{key[len(_CHOICES_PREFIX) :]}" not in properties
        ):
            yield f"{key!r} belongs to no input: add '{_INPUT_PREFIX}{key[len(_CHOICES_PREFIX) :]}'"
    if stage := (properties.get("stage") or "").strip():
        if not CODE.match(stage):
            yield f"stage {stage!r} must be 1 to 40 capital letters, digits or '_' (e.g. AWAITING_APPROVAL)"
        if not (properties.get("status") or "").strip():
            yield f"stage {stage!r} needs the 'status' it maps to, for clients that switch on the status"
        yield from _missing_labels(stage_labels(properties), f"stage {stage!r}", "stage")
    elif stage_labels(properties):
        yield "stage labels without a 'stage' code"
    audit = (properties.get("audit") or "").strip()
    if audit and audit not in known_audit_codes:
        yield from _missing_labels(audit_labels(properties), f"audit code {audit!r}", "audit")


def _input_problems(declaration: InputDeclaration, reserved_names: frozenset[str]) -> Iterator[str]:
    name = declaration.name
    if not INPUT_NAME.match(name):
        yield f"input name {name!r} must be 1 to 40 small letters, digits or '_'"
    elif name in reserved_names:
        yield f"input name {name!r} is taken (a report fact or a reserved name); choose another"
    if declaration.kind not in INPUT_KINDS:
        yield f"input {name!r} has unknown kind {declaration.kind!r}; kinds: {', '.join(sorted(INPUT_KINDS))}"
    if any(language not in declaration.labels for language in LANGUAGES):
        yield f"input {name!r} needs its labels: '<kind> required | Indonesian label | English label'"
    if declaration.kind == "choice":
        if not declaration.choices:
            yield f"choice input {name!r} needs 'choices:{name}' = 'code = Label / Label; …'"
        for choice in declaration.choices:
            if not INPUT_NAME.match(choice.code):
                yield f"choice {choice.code!r} of {name!r} must be 1 to 40 small letters, digits or '_'"
            if any(language not in choice.labels for language in LANGUAGES):
                yield f"choice {choice.code!r} of {name!r} needs 'code = Indonesian / English'"
