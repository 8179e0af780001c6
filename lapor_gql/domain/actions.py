"""The one vocabulary of what a person can do to a report, and how an action's input becomes a step.

``BUILTIN_ACTIONS`` is the table of the application's own actions: each entry has its code, its
labels, its inputs in the words a diagram declares its own actions with (``workflow.InputDeclaration``:
name, kind, required, labels) and the function that turns the checked input into what the action
writes (``ActionStep``). Everything else that names the built-in actions is derived from it: the
validator's vocabulary (``processes.KNOWN_ACTIONS``), the timeline labels, the workflow data names the
application passes (``workflow_names``) and the yes/no variants the validator explores
(``action_data_variants``). Adding a built-in action is one entry here plus its domain command.

An action a diagram declares (``PendingAction.declaration``) needs no entry: its labels and inputs
travel with the report's projected pending actions (``declaration_json``). Both kinds are checked
the same way (``read_values``: by each input's kind, while the report is locked) and become a step
the same way (``step_for``): notes the public message, internal notes the officers' note, yes/no,
choice, rating and agency values data for the workflow's gateways (a rating also the report's rating,
``ActionStep.rating``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lapor_gql.db.models import Agency
from lapor_gql.workflow import ActionDeclaration, Choice, InputDeclaration, Labels
from lapor_gql.workflow.declarations import INPUT_KINDS, LANGUAGES, RATING_SCORES

from .validation import InputCheck, is_blank

__all__ = [
    "INPUT_KINDS",
    "ActionDeclaration",
    "ActionStep",
    "AgencyKey",
    "BUILTIN_ACTIONS",
    "BUILTIN_CODES",
    "BuiltinAction",
    "Given",
    "action_data_variants",
    "declaration_for",
    "declaration_json",
    "label_of",
    "labels_from",
    "rating_input",
    "read_values",
    "step_for",
    "Value",
    "workflow_names",
]

NOTE_MAX = 2000
MESSAGE_MAX = 5000
"""A follow-up or a reply is a letter to the reporter, longer than a reason or a note."""

Value = str | int | bool | None
"""An input value as a command receives it: text from a client (``"true"``, an agency reference), or
the Python value a typed command passes (an agency id, a bool)."""
AgencyKey = Callable[[str], int | None]
"""Reads the agency id a client's text names (GraphQL passes its global-id decoder); None: no agency."""

# Kinds whose value reaches the workflow, for its gateways to branch on (the others are texts).
VALUE_KINDS = frozenset({"agency", "yesno", "choice", "rating"})
_YES, _NO = "true", "false"


@dataclass(frozen=True)
class ActionStep:
    """What one action writes besides the workflow: the audit entry and any change of agency."""

    action: str
    workflow_data: Mapping[str, object] = field(default_factory=dict)
    message: str = ""
    """Public text of the timeline entry: the action's ``note`` inputs."""
    internal_note: str = ""
    """Text for officers only: the action's ``internal_note`` inputs."""
    details: Mapping[str, object] = field(default_factory=dict)
    new_agency_id: int | None = None
    rating: int | None = None
    """The score of the action's ``rating`` input, when it has one and it was given: the report
    keeps it as its rating, with the action's internal note as the rating's comment."""


@dataclass(frozen=True)
class Effect:
    """What a built-in action does beyond its texts and workflow data."""

    details: Mapping[str, object] = field(default_factory=dict)
    new_agency_id: int | None = None


@dataclass
class Given:
    """An action's input after each value was checked by its kind (problems are in ``check``)."""

    values: dict[str, object]
    """Input name → the text, the bool, the choice code, the ``Agency`` row, or None (not given)."""
    check: InputCheck
    current_agency_id: int | None
    """The agency the report is with before the action."""

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return value if isinstance(value, str) else ""

    def flag(self, name: str) -> bool | None:
        value = self.values.get(name)
        return value if isinstance(value, bool) else None

    def agency(self, name: str) -> Agency | None:
        value = self.values.get(name)
        return value if isinstance(value, Agency) else None

    def require(self, name: str) -> None:
        """An input the action needs in this case although it is optional in general."""
        value = self.values.get(name)
        missing = value is None or (isinstance(value, str) and is_blank(value))
        if missing and not any(problem.field == name for problem in self.check.problems):
            self.check.fail(name, "REQUIRED")


Build = Callable[[Given], Effect]


def no_effect(given: Given) -> Effect:
    return Effect()


def _dispose(given: Given) -> Effect:
    agency = given.agency("agency_id")
    agency_id = agency.id if agency is not None else None
    return Effect(details={"agencyId": agency_id}, new_agency_id=agency_id)


def _request_not_authority(given: Given) -> Effect:
    suggested = given.agency("suggested_agency_id")
    return Effect(details={"suggested_agency_id": suggested.id} if suggested is not None else {})


def _resolve_not_authority(given: Given) -> Effect:
    accept = bool(given.flag("accept"))
    agency = given.agency("agency_id") if accept else None
    if accept:
        given.require("agency_id")
        if agency is not None and agency.id == given.current_agency_id:
            given.check.fail("agency_id", "SAME_AGENCY")
    else:
        given.require("note")
    new_agency_id = agency.id if agency is not None else None
    return Effect(details={"accepted": accept, "agencyId": new_agency_id}, new_agency_id=new_agency_id)


@dataclass(frozen=True)
class BuiltinAction:
    """One of the application's own actions."""

    code: str
    labels: Labels
    inputs: tuple[InputDeclaration, ...] = ()
    build: Build = no_effect
    workflow_names: Mapping[str, str] = field(default_factory=dict)
    """Input name → the name its value reaches the workflow under, for the inputs a diagram may
    branch on (a built-in passes only these; a declared action passes every value input)."""
    max_lengths: Mapping[str, int] = field(default_factory=dict)
    """Text inputs longer than a note may be."""

    @property
    def declaration(self) -> ActionDeclaration:
        return ActionDeclaration(self.code, self.labels, self.inputs)


def _input(name: str, kind: str, required: bool, label_id: str, label_en: str) -> InputDeclaration:
    return InputDeclaration(name, kind, required, {"id": label_id, "en": label_en})


def _reason() -> InputDeclaration:
    return _input("reason", "note", True, "Alasan", "Reason")


BUILTIN_ACTIONS: dict[str, BuiltinAction] = {
    action.code: action
    for action in (
        BuiltinAction(
            "dispose",
            {"id": "Disposisi ke instansi", "en": "Dispose to agency"},
            (
                _input("agency_id", "agency", True, "Instansi tujuan", "Agency"),
                _input("note", "internal_note", False, "Catatan untuk instansi", "Note for the agency"),
            ),
            build=_dispose,
        ),
        BuiltinAction("hold", {"id": "Tunda", "en": "Put on hold"}, (_reason(),)),
        BuiltinAction(
            "resume",
            {"id": "Lanjutkan", "en": "Resume"},
            (_input("note", "note", False, "Catatan", "Note"),),
        ),
        BuiltinAction("archive", {"id": "Arsipkan", "en": "Archive"}, (_reason(),)),
        BuiltinAction(
            "follow_up",
            {"id": "Tindak lanjut", "en": "Follow up"},
            (_input("message", "note", True, "Tanggapan untuk pelapor", "Response to the reporter"),),
            max_lengths={"message": MESSAGE_MAX},
        ),
        BuiltinAction(
            "reply",
            {"id": "Tanggapan pelapor", "en": "Reporter reply"},
            (_input("message", "note", True, "Tanggapan", "Reply"),),
            max_lengths={"message": MESSAGE_MAX},
        ),
        BuiltinAction(
            "request_not_authority",
            {"id": "Ajukan bukan wewenang", "en": "Request not our authority"},
            (
                _input("reason", "internal_note", True, "Alasan", "Reason"),
                _input(
                    "suggested_agency_id",
                    "agency",
                    False,
                    "Instansi yang seharusnya",
                    "Agency that should handle it",
                ),
            ),
            build=_request_not_authority,
        ),
        BuiltinAction(
            "resolve_not_authority",
            {"id": "Putuskan pengajuan bukan wewenang", "en": "Decide not-our-authority request"},
            (
                _input("accept", "yesno", True, "Terima pengajuan?", "Accept the request?"),
                _input(
                    "agency_id",
                    "agency",
                    False,
                    "Instansi baru (wajib bila diterima)",
                    "New agency (required when accepting)",
                ),
                _input(
                    "note",
                    "internal_note",
                    False,
                    "Catatan (wajib bila ditolak)",
                    "Note (required when rejecting)",
                ),
            ),
            build=_resolve_not_authority,
            workflow_names={"accept": "accepted"},
        ),
        BuiltinAction(
            "close",
            {"id": "Tutup laporan", "en": "Close report"},
            (_input("resolution", "note", True, "Penyelesaian", "Resolution"),),
        ),
        BuiltinAction("reopen", {"id": "Buka kembali", "en": "Reopen"}, (_reason(),)),
    )
}

BUILTIN_CODES = frozenset(BUILTIN_ACTIONS)


def workflow_names() -> frozenset[str]:
    """Names the application itself passes to the workflow with a built-in action: a diagram's own
    inputs may not take them."""
    return frozenset(name for action in BUILTIN_ACTIONS.values() for name in action.workflow_names.values())


def action_data_variants() -> dict[str, tuple[dict[str, object], ...]]:
    """Every workflow data a built-in action can pass, for the validator to take each branch:
    ``{"resolve_not_authority": ({"accepted": True}, {"accepted": False})}``."""
    variants: dict[str, tuple[dict[str, object], ...]] = {}
    for action in BUILTIN_ACTIONS.values():
        specs = {spec.name: spec for spec in action.inputs}
        names = list(action.workflow_names.items())
        if names:
            options = [_options(specs[name]) for name, _ in names]
            variants[action.code] = tuple(
                {target: value for (_, target), value in zip(names, combination, strict=True)}
                for combination in itertools.product(*options)
            )
    return variants


def _options(spec: InputDeclaration) -> tuple[object, ...]:
    if spec.kind == "yesno":
        return (True, False)
    if spec.kind == "choice":
        return tuple(choice.code for choice in spec.choices) + (() if spec.required else (None,))
    if spec.kind == "rating":
        return tuple(RATING_SCORES) + (() if spec.required else (None,))
    return (None,)


# --- declared actions -----------------------------------------------------------------------


def declaration_json(declaration: ActionDeclaration) -> dict[str, object]:
    """What the report keeps of a declared action, so describing it needs no workflow."""
    return {
        "labels": dict(declaration.labels),
        "inputs": [
            {
                "name": spec.name,
                "kind": spec.kind,
                "required": spec.required,
                "labels": dict(spec.labels),
                "choices": [{"code": c.code, "labels": dict(c.labels)} for c in spec.choices],
            }
            for spec in declaration.inputs
        ],
    }


def labels_from(data: object) -> dict[str, str]:
    """Labels read back from stored JSON (anything else is no label)."""
    if not isinstance(data, Mapping):
        return {}
    return {str(language): str(text) for language, text in data.items() if isinstance(text, str)}


def _items(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    found = data.get(key)
    return [item for item in found if isinstance(item, Mapping)] if isinstance(found, list) else []


def declaration_for(code: str, stored: object = None) -> ActionDeclaration:
    """How to describe and check an action: the table's entry, else what the report stored of the
    diagram's declaration (an action without one is described by its code alone)."""
    if code in BUILTIN_ACTIONS:
        return BUILTIN_ACTIONS[code].declaration
    data = stored if isinstance(stored, Mapping) else {}
    return ActionDeclaration(
        code,
        labels_from(data.get("labels")),
        tuple(
            InputDeclaration(
                str(item.get("name", "")),
                str(item.get("kind", "")),
                bool(item.get("required")),
                labels_from(item.get("labels")),
                tuple(
                    Choice(str(c.get("code", "")), labels_from(c.get("labels")))
                    for c in _items(item, "choices")
                ),
            )
            for item in _items(data, "inputs")
        ),
    )


def label_of(labels: Labels, language: str) -> str | None:
    """The label in ``language``, else in the other language: a diagram declares both."""
    return labels.get(language) or next((labels[other] for other in LANGUAGES if labels.get(other)), None)


def _declared_effect(declaration: ActionDeclaration, given: Given) -> Effect:
    """A diagram's own action keeps its labels and its values (an agency by its id) in the entry.
    Its texts are not copied there: they are shown, or hidden, as the entry's message and note."""
    kept: dict[str, object] = {}
    for spec in declaration.inputs:
        if spec.kind in VALUE_KINDS:
            agency = given.agency(spec.name)
            kept[spec.name] = agency.id if agency is not None else _workflow_value(spec, given)
    return Effect(details={"labels": dict(declaration.labels), "values": kept})


def _workflow_value(spec: InputDeclaration, given: Given) -> object:
    if spec.kind == "agency":
        agency = given.agency(spec.name)
        return agency.code if agency is not None else None
    if spec.kind == "yesno":
        # Left out, an optional yes/no is a no: a gateway can always branch on it.
        return bool(given.flag(spec.name))
    return given.values.get(spec.name)


# --- checking an input ----------------------------------------------------------------------


def _default_agency_key(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= 2**31 - 1 else None


async def read_values(
    declaration: ActionDeclaration,
    values: Mapping[str, Value],
    current_agency_id: int | None,
    agency_key: AgencyKey | None = None,
) -> Given:
    """Check every value by its input's kind: texts (required, length, clean), yes/no (``true`` or
    ``false``), a choice among the declared codes, an agency that exists and is active. Call it
    while the report is locked, so an agency deactivated a moment ago cannot slip through. A value
    for no input of the action is refused (a misspelt name would otherwise be dropped silently)."""
    check = InputCheck()
    read: dict[str, object] = {}
    maxima = BUILTIN_ACTIONS[declaration.code].max_lengths if declaration.code in BUILTIN_ACTIONS else {}
    for spec in declaration.inputs:
        raw = values.get(spec.name)
        if spec.kind in ("note", "internal_note"):
            text = raw if isinstance(raw, str) else ""
            read[spec.name] = check.text(
                spec.name, text, max_length=maxima.get(spec.name, NOTE_MAX), required=spec.required
            )
        elif raw is None or (isinstance(raw, str) and is_blank(raw)):
            read[spec.name] = None
            if spec.required:
                check.fail(spec.name, "REQUIRED")
        elif spec.kind == "yesno":
            read[spec.name] = _yes_no(check, spec.name, raw)
        elif spec.kind == "choice":
            read[spec.name] = _choice(check, spec, raw)
        elif spec.kind == "agency":
            read[spec.name] = await _agency(check, spec.name, raw, agency_key or _default_agency_key)
        elif spec.kind == "rating":
            read[spec.name] = _rating(check, spec.name, raw)
        else:  # a kind this application does not know: the validator refuses such diagrams
            check.fail(spec.name, "INVALID")
    known = {spec.name for spec in declaration.inputs}
    for name in values:
        if name not in known:
            check.fail(name, "INVALID")
    return Given(read, check, current_agency_id)


def _yes_no(check: InputCheck, name: str, raw: Value) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in (_YES, _NO):
        return text == _YES
    check.fail(name, "INVALID")
    return None


def _rating(check: InputCheck, name: str, raw: Value) -> int | None:
    """A whole number from 1 to 5, given as a number or as its digits (a client sends text)."""
    if isinstance(raw, bool):
        score: int | None = None
    elif isinstance(raw, int):
        score = raw
    else:
        text = str(raw).strip()
        score = int(text) if text.isascii() and text.isdigit() and len(text) == 1 else None
    if score in RATING_SCORES:
        return score
    check.fail(name, "INVALID")
    return None


def rating_input(declaration: ActionDeclaration) -> InputDeclaration | None:
    """The action's ``rating`` input (a diagram declares at most one that counts: the first)."""
    return next((spec for spec in declaration.inputs if spec.kind == "rating"), None)


def _choice(check: InputCheck, spec: InputDeclaration, raw: Value) -> str | None:
    code = str(raw).strip()
    if code in {choice.code for choice in spec.choices}:
        return code
    check.fail(spec.name, "INVALID")
    return None


async def _agency(check: InputCheck, name: str, raw: Value, agency_key: AgencyKey) -> Agency | None:
    agency_id = raw if isinstance(raw, int) and not isinstance(raw, bool) else agency_key(str(raw).strip())
    if agency_id is None:
        check.fail(name, "INVALID")
        return None
    agency = await Agency.filter(id=agency_id).only("id", "code", "is_active").first()
    if agency is None:
        check.fail(name, "NOT_FOUND")
    elif not agency.is_active:
        check.fail(name, "AGENCY_INACTIVE")
        return None
    return agency


def step_for(declaration: ActionDeclaration, given: Given) -> ActionStep:
    """The step of a checked input, built-in or declared alike: ``note`` inputs make the public
    message, ``internal_note`` inputs the note for officers, value inputs reach the workflow (a
    built-in's under its ``workflow_names``, a declared action's under their own names). Building
    may add problems to ``given.check``: raise after."""
    specs = {spec.name: spec for spec in declaration.inputs}
    builtin = BUILTIN_ACTIONS.get(declaration.code)
    if builtin is not None:
        names: Mapping[str, str] = builtin.workflow_names
        effect = builtin.build(given)
    else:
        names = {spec.name: spec.name for spec in declaration.inputs if spec.kind in VALUE_KINDS}
        effect = _declared_effect(declaration, given)
    rated = rating_input(declaration)
    score = given.values.get(rated.name) if rated is not None else None
    return ActionStep(
        declaration.code,
        workflow_data={target: _workflow_value(specs[name], given) for name, target in names.items()},
        message=_texts(declaration, given, "note"),
        internal_note=_texts(declaration, given, "internal_note"),
        details=effect.details,
        new_agency_id=effect.new_agency_id,
        rating=score if isinstance(score, int) else None,
    )


def _texts(declaration: ActionDeclaration, given: Given, kind: str) -> str:
    texts = (given.text(spec.name) for spec in declaration.inputs if spec.kind == kind)
    return "\n\n".join(text for text in texts if text)
