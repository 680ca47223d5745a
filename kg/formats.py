"""File formats -> plain text: text files in any common encoding, HTML pages, PDF text layers.

Each reader takes the file's bytes and returns its text, or raises ``InputError`` with one
line naming the file and the problem.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError

__all__ = [
    "SUFFIXES",
    "file_text",
    "decode_text",
    "utf16_without_bom",
    "html_text",
    "embedded_tables_as_text",
    "pdf_text",
]

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
# A legacy encoding is accepted only when the detector finds the text coherent.
MAX_CHAOS = 0.2
# In UTF-16 without a BOM, Latin text has a zero high byte in most characters; a binary file's
# zeros fall on both sides. A third of one side zero and none on the other is text.
UTF16_ZERO_SHARE = 1 / 3


def file_text(raw: bytes, path: Path) -> str:
    """The text of a file, by its suffix (anything else is read as text)."""
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        return pdf_text(raw, path)
    if suffix in HTML_SUFFIXES:
        return html_text(decode_text(raw, path))
    return decode_text(raw, path)


# -- text and encodings --------------------------------------------------------------------------
def decode_text(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when its zero bytes say
    so), or a legacy encoding detected with confidence (charset-normalizer); anything else is
    refused clearly."""
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode_utf16(raw, path, "utf-16")
    if b"\x00" in raw:
        encoding = utf16_without_bom(raw)
        if encoding is None:
            raise InputError(f"{path}: binary file (contains NUL bytes), expected text")
        return decode_utf16(raw, path, encoding)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return decode_legacy(raw, path, e)


def utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when every other byte is mostly zero (the high byte of Latin
    text) and the others never are; None for other bytes with NULs in them (binary files).

    >>> utf16_without_bom("Plan".encode("utf-16-le")), utf16_without_bom(b"\\x89PNG\\x00\\x00")
    ('utf-16-le', None)
    """
    if len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= len(high) * UTF16_ZERO_SHARE and low.count(0) == 0:
            return encoding
    return None


def decode_utf16(raw: bytes, path: Path, encoding: str) -> str:
    if len(raw) % 2:
        raise InputError(
            f"{path}: UTF-16 text with an odd number of bytes (cut short?); save it again whole"
        )
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{path}: not valid UTF-16 (byte {e.start}); save it again as UTF-8"
        ) from None


def decode_legacy(raw: bytes, path: Path, error: UnicodeDecodeError) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputError(
            f"{path}: not UTF-8 (byte {error.start}) and no other encoding fits; convert it to UTF-8"
        )
    return str(best)


# -- HTML ------------------------------------------------------------------------------------------------
class _TextExtractor(HTMLParser):
    """Visible text of a page: scripts, styles and other non-content elements dropped, block
    elements on their own lines, and each table row on one line as ``| cell | cell |`` (the
    Markdown form, which ``kg.extract.tables`` reads)."""

    SKIP = {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "nav",
        "footer",
    }
    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
        "main",
        "aside",
    }
    CELLS = {"td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False
        self._cells_open = 0
        self._row_has_cells = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skipping += 1
        elif tag in self.CELLS:
            self.parts.append(" " if self._row_has_cells else "\n" + ROW_MARK)
            self._cells_open += 1
            self._row_has_cells = True
        else:
            self._row_has_cells = self._row_has_cells and tag not in {"tr", "table"}
            self.block_break(tag)

    def handle_startendtag(self, tag, attrs):
        self.block_break(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.CELLS:
            self._cells_open = max(0, self._cells_open - 1)
            self.parts.append(" |")
        else:
            self.block_break(tag)

    def block_break(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(
                " " if self._cells_open else "\n"
            )  # a paragraph inside a cell stays in its row

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data.replace("|", "/") if self._cells_open else data)


ROW_MARK = "\x00"  # starts a table row's line: rows are joined by one newline, other blocks by two


def html_text(markup: str) -> str:
    r"""The readable text of an HTML page, paragraphs separated by blank lines; the page
    title, when there is one, becomes the first line.

    >>> html_text("<p>Funds by state:</p><table><tr><th>State</th><th>Funds</th></tr>"
    ...           "<tr><td>Iowa</td><td>$5 million</td></tr></table>")
    'Funds by state:\n\n| State | Funds |\n| Iowa | $5 million |'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    body = "".join(joined_lines(line for line in lines if line and line != ROW_MARK))
    title = " ".join("".join(parser.title).split())
    return f"{title}\n\n{body}" if title and not body.startswith(title) else body


def joined_lines(lines):
    previous_row = None
    for line in lines:
        row = line.startswith(ROW_MARK)
        if previous_row is not None:
            yield "\n" if row and previous_row else "\n\n"
        yield "| " + line[1:].lstrip() if row else line
        previous_row = row


TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)


def embedded_tables_as_text(text: str) -> str:
    r"""HTML tables inside a text (Markdown allows them) as one ``| cell | cell |`` line per row.

    >>> embedded_tables_as_text("Funds:\n<table><tr><td>Iowa</td> <td>$5 million</td></tr></table>\nMore.")
    'Funds:\n\n| Iowa | $5 million |\n\nMore.'
    """
    if "<t" not in text and "<T" not in text:
        return text
    pieces, position = [], 0
    for start, end in embedded_table_spans(text):
        pieces += [text[position:start].rstrip(), "\n\n" + html_text(text[start:end]) + "\n\n"]
        position = len(text) - len(text[end:].lstrip())
    return "".join(pieces) + text[position:]


def embedded_table_spans(text: str):
    """(start, end) of each ``<table ...> ... </table>``, the first end after each start. Found
    by two searches, never one pattern with ``.*?`` between: that pattern scanned to the end of
    the text from every unclosed ``<table`` (30,000 of them took 64 s)."""
    position = 0
    while (start := TABLE_START.search(text, position)) is not None:
        end = TABLE_END.search(text, start.end())
        if end is None:
            return  # no later table can be closed either
        yield start.start(), end.end()
        position = end.end()


# -- PDF ---------------------------------------------------------------------------------------------------
def pdf_text(raw: bytes, path: Path) -> str:
    """The text layer of a PDF (pypdf); scanned pages without one are refused clearly."""
    import logging

    from pypdf import PdfReader

    # pypdf logs what it repairs ("EOF marker not found"); the user gets one line, below, instead
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(f"{path}: encrypted PDF; decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on hostile files (limits, loops)
        raise InputError(
            f"{path}: not a readable PDF ({type(e).__name__}: {' '.join(str(e).split())[:120]})"
        ) from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first")
    return text
