"""Relay global ids in inputs: decoded here so a bad id becomes a payload error, not a crash."""

from __future__ import annotations

from strawberry import Info, relay


def decode_id(global_id: str, type_name: str) -> int | None:
    """The database id inside a global id of the given type, or None if it is not one."""
    try:
        decoded = relay.GlobalID.from_id(global_id)
    except Exception:  # strawberry raises several kinds for malformed base64 and missing separators
        return None
    if decoded.type_name != type_name:
        return None
    return database_key(decoded.node_id)


def decode_node_id(global_id: str, info: Info) -> tuple[type[relay.Node], int | str] | None:
    """The Node type and database id inside a global id of any Node type, or None if it is not one.
    A type whose ids are random text (``keyed_by_text``, an Attachment's storage key) gets the text."""
    try:
        decoded = relay.GlobalID.from_id(global_id)
        node_type = decoded.resolve_type(info)  # refuses type names that are no Node of this schema
    except Exception:  # strawberry raises several kinds for malformed base64 and missing separators
        return None
    if getattr(node_type, "keyed_by_text", False):
        text = decoded.node_id
        return (node_type, text) if text.isascii() and 0 < len(text) <= TEXT_KEY_MAX else None
    key = database_key(decoded.node_id)
    return None if key is None else (node_type, key)


# The longest text key a Node type keyed by text has (its column's length).
TEXT_KEY_MAX = 64
# Keys are 32-bit integer columns; anything outside cannot name a row and must not reach the driver.
MAX_KEY = 2**31 - 1


def database_key(text: str) -> int | None:
    if not text.isascii() or not text.isdigit():
        return None
    key = int(text)
    return key if 0 < key <= MAX_KEY else None


def encode_id(type_name: str, key: int) -> str:
    return str(relay.GlobalID(type_name, str(key)))
