"""Reading source documents: files, folders or raw strings -> ``SourceDocument``.

A text may start with a ``# source: ...`` line (and a blank line): that is metadata
about where it came from, kept as the document's source and not part of its text.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .errors import InputError
from .extract.vocabulary import month_number, words
from .formats import SUFFIXES, embedded_tables_as_text, file_text

__all__ = [
    "SourceDocument",
    "document_key",
    "read_document",
    "document_from_text",
    "iter_documents",
    "iter_paths",
    "is_folder",
]

SOURCE_LINE = re.compile(r"\A\ufeff?# source:[ \t]*(?P<source>[^\n]*)\n(?:[ \t]*\n)?")
ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
MONTH_PREFIXES = sorted({word[:3] for word in words("months")})  # "Sept.", "September": "sep"
TEXT_DATE = re.compile(
    r"\b(?P<d>[0-3]?\d)\s+(?P<m>"
    + "|".join(MONTH_PREFIXES)
    + r")[a-z]*\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SourceDocument:
    """One document to extract from: its stable identity, text and what is known of it."""

    identity: (
        str  # what makes two builds "the same document": the file's path (else the source line)
    )
    text: str
    title: str
    source: str | None = None
    path: str | None = None
    published: date | None = None
    published_from: str | None = None  # where the date was read: RELEASE_DATE_SOURCES

    @property
    def key(self) -> str:
        return document_key(self.identity)

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.text.encode()).hexdigest()


def document_key(identity: str) -> str:
    """A short, stable id derived from a document's identity (used in its IRIs); an identity
    holding a file name's undecodable bytes (as ``os.fsdecode`` gives them) keeps them."""
    return hashlib.sha1(identity.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def document_from_text(
    text: str, *, identity: str | None = None, path: str | None = None
) -> SourceDocument:
    """A document from a string; a leading ``# source:`` line becomes its source, and HTML
    tables in it become lines of ``| cell |`` text (Markdown allows them in a text)."""
    source, body = split_source_line(text)
    body = embedded_tables_as_text(without_invisible_marks(body))
    if not body.strip():
        raise InputError(f"{path or 'text'}: empty document (no text to extract from)")
    # A path is unique where a "# source:" line may not be (several files from one site).
    ident = identity or path or source or "text:" + hashlib.sha1(body.encode()).hexdigest()
    return SourceDocument(
        identity=ident,
        text=body,
        title=guess_title(body, path),
        source=source,
        path=path,
        **release_date(source, body),
    )


# Marks that show nothing and join or break nothing a reader sees: a word joiner ("Biden-\u2060
# Harris" in a quarter of the White House releases), a zero-width space, a soft hyphen. Left in,
# they split names and numbers. (Zero-width joiners shape Indic scripts: they stay.)
INVISIBLE_MARKS = str.maketrans("", "", "\u2060\u200b\u00ad")


def without_invisible_marks(text: str) -> str:
    return text.translate(INVISIBLE_MARKS)


# -- the release date (dcterms:issued) and where it was read, most trusted first ------------------
RELEASE_DATE_SOURCES = ("source line", "text", "html metadata", "file modified")
HTML_DATE_META = re.compile(
    r"<meta\b[^>]*?\b(?:name|property|itemprop)\s*=\s*[\"'](?:article:published_time|"
    r"datePublished|date|pubdate|publishdate|dc\.date(?:\.issued)?|dcterms\.issued)[\"']"
    r"[^>]*?\bcontent\s*=\s*[\"'](?P<date>[^\"']+)",
    re.IGNORECASE,
)
DATELINE_CHARS = 600  # a release's dateline or header is in its first lines


def release_date(source: str | None, body: str) -> dict:
    """``published`` and ``published_from``: the ``# source:`` line's date, else the text's
    dateline or header; the caller may fall back on HTML metadata and the file's date."""
    for where, text in (("source line", source or ""), ("text", body[:DATELINE_CHARS])):
        if found := find_publication_date(text):
            return {"published": found, "published_from": where}
    return {}


def fallback_release_date(document: SourceDocument, raw: bytes, path: Path) -> SourceDocument:
    """A document without a date in its text gets its HTML metadata's date, else the file's
    modification date (the weakest evidence: a copy has the date it was copied)."""
    if document.published:
        return document
    found = None
    if path.suffix.lower() in {".html", ".htm"}:
        meta = HTML_DATE_META.search(raw[:200_000].decode("utf-8", "replace"))
        found = find_publication_date(meta["date"]) if meta else None
    if found:
        return replace(document, published=found, published_from="html metadata")
    modified = date.fromtimestamp(path.stat().st_mtime)
    return replace(document, published=modified, published_from="file modified")


def split_source_line(text: str) -> tuple[str | None, str]:
    match = SOURCE_LINE.match(text)
    if not match:
        return None, text.lstrip("\ufeff")
    return match["source"].strip() or None, text[match.end() :]


def guess_title(body: str, path: str | None) -> str:
    """The first non-empty line when it is short enough to be a heading, else the file name."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if 0 < len(first) <= 160:
        return first
    return Path(path).stem if path else first[:80]


def find_publication_date(text: str) -> date | None:
    for pattern in (ISO_DATE, TEXT_DATE):
        match = pattern.search(text)
        if match:
            month = match["m"]
            month_no = int(month) if month.isdigit() else month_number(month[:3])
            try:
                return date(int(match["y"]), month_no, int(match["d"]))
            except ValueError:
                continue
    return None


def read_document(path: str | Path) -> SourceDocument:
    """Read one file (text, HTML or PDF); raise ``InputError`` naming the file and the problem."""
    path = Path(path)
    refuse_unreadable(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from e
    document = document_from_text(
        file_text(raw, path), identity=None, path=readable_path(path.resolve())
    )
    return fallback_release_date(document, raw, path)


def refuse_unreadable(path: Path) -> None:
    """Raise ``InputError`` for what is not a readable file of a type kg reads; a pipe or a
    device would block the build or never end, so only regular files are opened."""
    if path.is_symlink() and not path.exists():
        raise InputError(
            f"{path}: a symbolic link that leads nowhere (a loop, or its target is missing)"
        )
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a text file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file (a pipe, socket or device); kg reads files")
    if path.suffix.lower() not in SUFFIXES and path.suffix:
        raise InputError(
            f"{path}: unsupported file type {path.suffix!r}; kg reads "
            + ", ".join(sorted(SUFFIXES))
        )


def readable_path(path: Path) -> str:
    """The path as text; bytes of a file name that are not UTF-8 written as ``\\xNN`` (they
    could not be stored in RDF or printed otherwise), so that two such names stay distinct."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def iter_paths(paths: Iterable[str | Path], on_error=None) -> Iterator[Path]:
    """Files as given, and every visible entry inside folders that is not a folder itself (sorted,
    recursive): what kg cannot read is then reported by ``read_document`` rather than silently
    passed over. A subfolder that cannot be listed goes to ``on_error(path, InputError)``."""
    for given in paths:
        path = Path(given)
        if is_folder(path):
            yield from folder_entries(path, on_error)
        else:
            yield path


def is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system: read_document reports it
        return False


def folder_entries(folder: Path, on_error=None) -> list[Path]:
    def unlistable(error: OSError) -> None:
        if on_error is not None:
            on_error(
                Path(error.filename),
                InputError(
                    f"{error.filename}: folder cannot be read "
                    f"({(error.strerror or str(error)).lower()})"
                ),
            )

    entries = []
    for root, folders, files in os.walk(folder, onerror=unlistable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        entries += [Path(root, name) for name in files if not name.startswith(".")]
    return sorted(entries)


def iter_documents(paths: Iterable[str | Path], on_error=None) -> Iterator[SourceDocument]:
    """Documents from files and folders; unreadable ones go to ``on_error`` (or raise)."""
    for path in iter_paths(paths, on_error):
        try:
            yield read_document(path)
        except InputError as e:
            if on_error is None:
                raise
            on_error(path, e)
        except Exception as e:  # noqa: BLE001 - a reader's own failure is this file's, never the build's
            if on_error is None:
                raise
            on_error(
                path,
                InputError(
                    f"{path}: cannot be read ({type(e).__name__}: {' '.join(str(e).split())[:160]})"
                ),
            )
