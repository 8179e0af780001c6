"""Signed download links: valid for exactly one file, one variant and until one moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import pytest

from lapor_gql.files.url_signing import download_path, signed_query, verify

KEY = b"deployment-key"
FILE_KEY = "ab/cdefghijklmnopqrstuvwxyz0123"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
EXPIRES_AT = NOW + timedelta(minutes=5)


def signed(variant: str = "file", key: bytes = KEY, file_key: str = FILE_KEY) -> tuple[str, str]:
    query = parse_qs(signed_query(key, file_key, variant, EXPIRES_AT))
    return query["expires"][0], query["signature"][0]


def test_a_link_works_until_it_expires_and_not_a_second_longer() -> None:
    expires, signature = signed()
    assert expires == str(int(EXPIRES_AT.timestamp()))
    assert verify(KEY, FILE_KEY, "file", expires, signature, NOW)
    assert verify(KEY, FILE_KEY, "file", expires, signature, EXPIRES_AT - timedelta(seconds=1))
    assert not verify(KEY, FILE_KEY, "file", expires, signature, EXPIRES_AT)


def test_a_link_opens_only_the_file_and_variant_it_was_signed_for() -> None:
    expires, signature = signed()
    assert not verify(KEY, FILE_KEY, "thumbnail", expires, signature, NOW)
    assert not verify(KEY, "ab/another0123456789abcdefghij", "file", expires, signature, NOW)
    assert not verify(b"another deployment", FILE_KEY, "file", expires, signature, NOW)
    assert not verify(KEY, FILE_KEY, "file", str(int(expires) + 1), signature, NOW)
    assert signed("thumbnail")[1] != signature


@pytest.mark.parametrize("expires", ["", "-1", "1e9", "١٢٣", "9" * 13, " 123"])
def test_an_expiry_that_is_not_plain_digits_is_refused(expires: str) -> None:
    _, signature = signed()
    assert not verify(KEY, FILE_KEY, "file", expires, signature, NOW)


@pytest.mark.parametrize("signature", ["", "x", "ä" * 43])
def test_a_malformed_signature_is_refused_without_error(signature: str) -> None:
    expires, _ = signed()
    assert not verify(KEY, FILE_KEY, "file", expires, signature, NOW)


def test_only_the_two_variants_are_signed() -> None:
    with pytest.raises(ValueError):
        signed_query(KEY, FILE_KEY, "original", EXPIRES_AT)
    assert download_path(KEY, FILE_KEY, "thumbnail", EXPIRES_AT).startswith(
        f"/attachments/{FILE_KEY}/thumbnail?"
    )
