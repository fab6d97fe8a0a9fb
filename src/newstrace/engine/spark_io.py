"""Paths for the Spark engine: expanding inputs and manifests into one file list, fetching a remote
file for a task, and the few file-system moves (exists, rename, delete) the restartable stages need.

The readers in ``newstrace.read`` open local files by path. A task that gets an ``s3a://``,
``hdfs://`` or ``https://`` path copies it to the executor's local temp disk (streaming, never the
whole file in memory), reads it there with the very same reader, and rewrites each record's
``source`` back to the remote URI, so pointers in the output name the real file.
"""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from newstrace.model import Page, Quarantine
from newstrace.read import ReadOptions, read_path
from newstrace.read.base import quarantine

MANIFEST_SUFFIXES = (".paths", ".paths.gz")  # Common Crawl's warc.paths.gz, wet.paths.gz
REMOTE_SCHEMES = ("s3a", "s3", "s3n", "hdfs", "viewfs", "gs", "abfs", "abfss", "http", "https", "file")
_COPY_CHUNK = 8 * 1024 * 1024


def scheme_of(path: str) -> str:
    """URI scheme of a path, or "" for a plain local path (a Windows drive letter is not a scheme)."""
    scheme = urlsplit(path).scheme if "://" in path else ""
    return scheme.lower() if len(scheme) > 1 else ""


def is_manifest(path: str) -> bool:
    return path.lower().endswith(MANIFEST_SUFFIXES)


def _walk_local(path: Path) -> list[str]:
    """The files under a local path in the order ``read.read_paths`` visits them (so sources match)."""
    if path.is_dir():
        return [str(c) for c in sorted(path.rglob("*"))
                if c.is_file() and not any(part.startswith(".") for part in c.relative_to(path).parts)]
    return [str(path)]


def manifest_base(manifest: str, override: str | None = None) -> str:
    """What relative lines of a manifest are relative to: ``override``, else the bucket (or name node)
    root for a remote manifest — Common Crawl's convention — else the manifest's own folder."""
    if override:
        return override.rstrip("/") + "/"
    scheme = scheme_of(manifest)
    if scheme and scheme != "file":
        parts = urlsplit(manifest)
        return f"{parts.scheme}://{parts.netloc}/"
    return str(Path(manifest.removeprefix("file://")).resolve().parent) + "/"


def manifest_lines(text: str, base: str) -> list[str]:
    """Paths listed in a manifest's text: blank lines and ``#`` comments skipped, relative ones joined to ``base``."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.append(line if scheme_of(line) or line.startswith("/") else base + line.lstrip("/"))
    return out


def read_local_manifest(path: str) -> str:
    raw = Path(path.removeprefix("file://")).read_bytes()
    return gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8")


def expand_inputs(paths: Sequence[str], read_remote_text, base_override: str | None = None) -> list[str]:
    """Files, folders (local) and manifests -> the ordered list of files; one Spark task each.

    ``read_remote_text(uri)`` returns a remote manifest's decompressed text (the engine passes one
    that goes through Spark's own Hadoop file systems, so s3a:// and hdfs:// manifests just work)."""
    files: list[str] = []
    for p in map(str, paths):
        if is_manifest(p):
            remote = scheme_of(p) not in ("", "file")
            text = read_remote_text(p) if remote else read_local_manifest(p)
            files += manifest_lines(text, manifest_base(p, base_override))
        elif scheme_of(p) in ("", "file"):
            files += _walk_local(Path(p.removeprefix("file://"))) if Path(p.removeprefix("file://")).exists() else [p]
        else:
            files.append(p)
    return files


def _arrow_fs(uri: str):
    """A pyarrow file system for a URI; ``s3a://`` (Hadoop's name) is S3 to Arrow."""
    from pyarrow import fs as pafs

    scheme = scheme_of(uri)
    if scheme in ("s3a", "s3n"):
        uri = "s3" + uri[len(scheme):]
    return pafs.FileSystem.from_uri(uri)


def _copy_remote(uri: str, dest: Path) -> None:
    """Stream a remote file to ``dest`` in chunks (a Common Crawl WARC is ~1 GB: never held in memory)."""
    scheme = scheme_of(uri)
    if scheme in ("http", "https"):
        request = urllib.request.Request(uri, headers={"User-Agent": "newstrace (spark engine)"})
        with urllib.request.urlopen(request, timeout=120) as src, open(dest, "wb") as out:  # noqa: S310 - user input list
            shutil.copyfileobj(src, out, _COPY_CHUNK)
        return
    filesystem, inner = _arrow_fs(uri)
    with filesystem.open_input_stream(inner, compression=None) as src, open(dest, "wb") as out:
        while chunk := src.read(_COPY_CHUNK):
            out.write(chunk)


@contextmanager
def localized(uri: str) -> Iterator[Path]:
    """A local path holding the file's bytes: the path itself when local, a temp copy otherwise."""
    scheme = scheme_of(uri)
    if scheme in ("", "file"):
        yield Path(uri.removeprefix("file://"))
        return
    with tempfile.TemporaryDirectory(prefix="newstrace-") as tmp:
        name = Path(urlsplit(uri).path).name or "input"
        dest = Path(tmp) / name  # keep the name: the reader picks its format by suffix
        _copy_remote(uri, dest)
        yield dest


def _resourced(record, local: str, uri: str):
    if local == uri or not record.source.startswith(local):
        return record
    return replace(record, source=uri + record.source[len(local):])


def read_any(uri: str, options: ReadOptions = ReadOptions()) -> Iterator[Page | Quarantine]:
    """The records of one file, local or remote, with sources naming ``uri``. Never raises: a file
    that cannot be fetched becomes one quarantine row, like a file that cannot be read."""
    try:
        with localized(uri) as local:
            for rec in read_path(local, options):
                yield _resourced(rec, str(local), uri)
    except Exception as exc:  # noqa: BLE001 - one unreachable file must not end the job
        yield quarantine(uri, "fetch_error", f"{type(exc).__name__}: {exc}")


class HadoopFS:
    """Exists / rename / delete / small text files through Spark's own Hadoop file systems, so the
    output folder can be local, hdfs:// or s3a:// with the cluster's credentials and settings."""

    def __init__(self, spark) -> None:
        self._sc = spark.sparkContext
        self._jvm = spark.sparkContext._jvm
        self._conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _fs(self, path: str):
        p = self._jvm.org.apache.hadoop.fs.Path(path)
        return p.getFileSystem(self._conf), p

    def exists(self, path: str) -> bool:
        fs, p = self._fs(path)
        return bool(fs.exists(p))

    def delete(self, path: str) -> None:
        fs, p = self._fs(path)
        if fs.exists(p):
            fs.delete(p, True)

    def rename(self, src: str, dst: str) -> None:
        fs, s = self._fs(src)
        _, d = self._fs(dst)
        fs.mkdirs(d.getParent())
        if not fs.rename(s, d):
            raise OSError(f"could not rename {src} to {dst}")

    def read_text(self, path: str) -> str:
        """A whole (small) text file such as a manifest. Spark's reader gunzips ``.gz`` by name."""
        return "\n".join(self._sc.textFile(path, 1).collect())

    def write_text(self, path: str, text: str) -> None:
        fs, p = self._fs(path)
        stream = fs.create(p, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def read_json(self, path: str) -> dict | None:
        """A small JSON file (run metadata). Read through the file system, not ``textFile``: Hadoop's
        input formats skip names starting with ``_``, which is how these files hide from table readers."""
        if not self.exists(path):
            return None
        fs, p = self._fs(path)
        stream = fs.open(p)
        try:
            return json.loads(self._jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8"))
        finally:
            stream.close()
