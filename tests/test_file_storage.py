"""Both attachment stores, the same tests: a folder on disk and a real S3 API server (moto)."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from lapor_gql.config import Settings
from lapor_gql.files import FileStore, LocalFileStore, S3FileStore, StoredFileMissing, file_store, new_key
from lapor_gql.files.storage import CHUNK_BYTES
from tests.s3_server import S3Server


def written(folder: Path, content: bytes, name: str = "upload") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


async def read_all(store: FileStore, key: str) -> list[bytes]:
    return [chunk async for chunk in store.open(key)]


async def stored_keys(store: FileStore) -> dict[str, datetime]:
    return {key: written_at async for key, written_at in store.keys()}


async def test_a_file_put_comes_back_in_chunks_and_is_gone_once_deleted(
    file_store: FileStore, tmp_path: Path
) -> None:
    content = os.urandom(3 * CHUNK_BYTES + 1000)
    key = new_key()
    await file_store.put(key, written(tmp_path, content), "image/jpeg")

    chunks = await read_all(file_store, key)
    assert b"".join(chunks) == content
    assert len(chunks) >= 4 and all(len(chunk) <= CHUNK_BYTES for chunk in chunks)

    await file_store.delete(key)
    with pytest.raises(StoredFileMissing):
        await read_all(file_store, key)
    await file_store.delete(key)  # deleting what is not there is no error


async def test_a_file_never_stored_is_missing(file_store: FileStore) -> None:
    with pytest.raises(StoredFileMissing):
        await read_all(file_store, new_key())


async def test_keys_lists_every_stored_file_with_when_it_was_written(
    file_store: FileStore, tmp_path: Path
) -> None:
    assert await stored_keys(file_store) == {}
    before = datetime.now(UTC) - timedelta(seconds=2)  # file systems and S3 keep whole seconds
    keys = [new_key() for _ in range(3)]
    for number, key in enumerate(keys):
        await file_store.put(key, written(tmp_path, b"%d" % number), "application/pdf")
    await file_store.delete(keys[1])

    listed = await stored_keys(file_store)
    assert sorted(listed) == sorted([keys[0], keys[2]])
    for written_at in listed.values():
        assert written_at.tzinfo is not None
        assert before <= written_at <= datetime.now(UTC) + timedelta(seconds=2)


async def test_a_file_larger_than_one_multipart_part_arrives_whole(
    file_store: FileStore, tmp_path: Path
) -> None:
    # 9 MB: S3 gets it as a multipart upload (parts of 8 MB).
    content = os.urandom(9 * 1024 * 1024)
    key = new_key()
    await file_store.put(key, written(tmp_path, content), "application/pdf")
    digest = hashlib.sha256()
    async for chunk in file_store.open(key):
        digest.update(chunk)
    assert digest.hexdigest() == hashlib.sha256(content).hexdigest()


async def test_a_reader_may_stop_early_and_the_store_goes_on_serving(
    file_store: FileStore, tmp_path: Path
) -> None:
    key = new_key()
    content = os.urandom(4 * CHUNK_BYTES)
    await file_store.put(key, written(tmp_path, content), "image/png")
    # More early stops than botocore keeps connections: each must give its connection back.
    for _ in range(12):
        chunks = file_store.open(key)
        assert len(await anext(chunks)) > 0
        await chunks.aclose()  # type: ignore[attr-defined]
    assert b"".join(await read_all(file_store, key)) == content


@pytest.mark.parametrize("key", ["../escape", "ab/../../etc", "/etc/passwd", "ab/c", "ab/" + "x" * 100, ""])
async def test_only_keys_of_the_key_alphabet_are_used(
    file_store: FileStore, tmp_path: Path, key: str
) -> None:
    source = written(tmp_path, b"content")
    with pytest.raises(ValueError):
        await file_store.put(key, source, "image/png")
    with pytest.raises(StoredFileMissing):
        await read_all(file_store, key)
    with pytest.raises(ValueError):
        await file_store.delete(key)


def test_new_keys_are_random_and_url_safe() -> None:
    keys = {new_key() for _ in range(1000)}
    assert len(keys) == 1000
    for key in keys:
        folder, name = key.split("/")
        assert len(folder) == 2 and len(name) == 30
        assert all(character.isalnum() or character in "-_" for character in folder + name)


async def test_local_files_are_written_whole_and_readable_by_owner_and_group_only(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "store")
    key = new_key()
    previous_umask = os.umask(0)  # a permissive umask must not make files world-readable
    try:
        await store.put(key, written(tmp_path, b"photo"), "image/jpeg")
    finally:
        os.umask(previous_umask)
    path = tmp_path / "store" / key
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left
    # A write cut short by a crash leaves a dot-named temporary: never listed as a key.
    (path.parent / f".{path.name}.0123456789abcdef.tmp").write_bytes(b"half")
    assert list(await stored_keys(store)) == [key]


async def test_s3_keys_lists_only_this_stores_prefix(s3_server: S3Server, tmp_path: Path) -> None:
    bucket = s3_server.new_bucket()
    ours, theirs = s3_server.store(bucket, "lapor/"), s3_server.store(bucket, "other/")
    key, other_key = new_key(), new_key()
    await ours.put(key, written(tmp_path, b"ours"), "image/webp")
    await theirs.put(other_key, written(tmp_path, b"theirs"), "image/webp")
    s3_server.client().put_object(Bucket=bucket, Key="lapor/not-a-key.txt", Body=b"x")

    assert list(await stored_keys(ours)) == [key]
    head = s3_server.client().head_object(Bucket=bucket, Key=f"lapor/{key}")
    assert head["ContentType"] == "image/webp"
    assert b"".join(await read_all(ours, key)) == b"ours"
    with pytest.raises(StoredFileMissing):
        await read_all(ours, other_key)


def settings(**fields: object) -> SimpleNamespace:
    defaults: dict[str, object] = {
        "attachment_store": "local",
        "attachment_dir": Path("/srv/lapor/attachments"),
        "attachment_s3_endpoint": None,
        "attachment_s3_bucket": None,
        "attachment_s3_region": None,
        "attachment_s3_access_key": None,
        "attachment_s3_secret_key": None,
        "attachment_s3_prefix": "",
    }
    return SimpleNamespace(**(defaults | fields))


def test_the_settings_choose_the_store() -> None:
    local = file_store(settings())
    assert isinstance(local, LocalFileStore) and local.root == Path("/srv/lapor/attachments")
    s3 = file_store(
        settings(
            attachment_store="s3",
            attachment_s3_endpoint="http://127.0.0.1:9000",
            attachment_s3_bucket="lapor",
            attachment_s3_secret_key="do-not-show",
            attachment_s3_prefix="files/",
        )
    )
    assert isinstance(s3, S3FileStore) and (s3.bucket, s3.prefix) == ("lapor", "files/")
    assert "do-not-show" not in repr(s3)
    # A prefix is a folder: without the slash, "lapor" would also hold "lapor-backup/…" for the sweep.
    bare = file_store(settings(attachment_store="s3", attachment_s3_bucket="b", attachment_s3_prefix="lapor"))
    assert isinstance(bare, S3FileStore) and bare.prefix == "lapor/"
    with pytest.raises(ValueError, match="BUCKET"):
        file_store(settings(attachment_store="s3"))
    with pytest.raises(ValueError, match="local or s3"):
        file_store(settings(attachment_store="ftp"))


def test_an_s3_store_is_a_folder_of_its_own_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAPOR_ATTACHMENT_S3_PREFIX", raising=False)
    assert Settings.from_environment().attachment_s3_prefix == "lapor-attachments/"
    monkeypatch.setenv("LAPOR_ATTACHMENT_S3_PREFIX", "")  # a bucket of its own
    assert Settings.from_environment().attachment_s3_prefix == ""
