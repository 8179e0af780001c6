"""Short-lived download links: an HMAC over which file, which variant and until when.

The API decides who may see an attachment when it answers a query, and hands that viewer a link
signed with the deployment's key. The download route then needs no session: the signature proves
the API gave the link out, the expiry bounds how long a forwarded or leaked link works, and a link
for a thumbnail opens nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import Literal, get_args
from urllib.parse import urlencode

Variant = Literal["file", "thumbnail"]
VARIANTS: frozenset[str] = frozenset(get_args(Variant))
# Seconds since the epoch as decimal digits: ten of them reach the year 2286; more is not a time.
_MAX_EXPIRES_DIGITS = 12


def _signature(key: bytes, attachment_key: str, variant: str, expires: str) -> str:
    # Newline-separated: none of the three can contain one (storage keys and variants are from
    # fixed alphabets, ``expires`` is digits), so no two different triples sign the same message.
    message = f"{attachment_key}\n{variant}\n{expires}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def signed_query(key: bytes, attachment_key: str, variant: str, expires_at: datetime) -> str:
    """``expires=…&signature=…`` for the download URL of ``attachment_key``'s ``variant``."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    expires = str(int(expires_at.timestamp()))
    return urlencode({"expires": expires, "signature": _signature(key, attachment_key, variant, expires)})


def download_path(key: bytes, attachment_key: str, variant: str, expires_at: datetime) -> str:
    """The signed path and query the download route (lapor_gql/attachment_downloads.py) answers."""
    return f"/attachments/{attachment_key}/{variant}?{signed_query(key, attachment_key, variant, expires_at)}"


def verify(
    key: bytes, attachment_key: str, variant: str, expires: str, signature: str, now: datetime
) -> bool:
    """True when the link was signed with ``key`` for exactly this file and variant and has not
    expired at ``now``. The signatures are compared in constant time."""
    if variant not in VARIANTS or "\n" in attachment_key:
        return False
    if not (expires.isascii() and expires.isdigit() and len(expires) <= _MAX_EXPIRES_DIGITS):
        return False
    if not signature.isascii():
        return False
    expected = _signature(key, attachment_key, variant, expires)
    if not hmac.compare_digest(expected, signature):
        return False
    return int(expires) > now.timestamp()
