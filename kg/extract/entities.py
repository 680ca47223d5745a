"""Finding agencies, plans, regulations and programs: ``doc._.kg_mentions``.

Rules, in order of trust:
1. the agency lexicon (``data/agencies.tsv``) and acronyms defined in the text
   ("Ministry of Industry and Information Technology (MIIT)");
2. title-case names whose head noun names a class, last ("Affordable Connectivity
   Program") or first ("Regulations on the Management of ...", "Ministry of Power");
3. quoted names (“Jal Jeevan Mission”, "14th Five-Year Plan");
4. coordinated lists ("5 action plans, including A, B and C" gives five plans);
5. back-references ("the Ministry", "the Mission") resolved to the one fuller name.
Companies, media, universities and generic mentions are rejected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import COMPANY_WORDS, agency_lexicon, canonical_key, head_type, singular, strip_quotes

__all__ = ["Mention", "PolicyEntityRecognizer"]

_WORD = r"(?:[“\"‘']?(?:Govt\.|Dept\.|U\.S\.|[A-Z][\w'’\-]*|\d+(?:st|nd|rd|th)|[A-Z]\w*\+\w+)[”\"’']?)"
_CONNECTOR = r"(?:of|for|on|and|the|in|to|&|or|with|under|de|at|against)"
NAME_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)*{_WORD})*")
CONNECTORS = {"of", "for", "on", "and", "the", "in", "to", "&", "or", "with", "under", "de", "at",
              "against"}
PERSON_TITLES = {"secretary", "minister", "director", "chairman", "chairperson", "spokesperson",
                 "shri", "smt", "mr", "ms", "mrs", "dr", "president", "governor", "commissioner",
                 "administrator", "deputy", "chief", "vice", "said", "says", "posted"}
GENERIC_WORDS = {"state", "states", "central", "local", "national", "federal", "provincial",
                 "municipal", "relevant", "union", "the", "all", "various", "other", "new", "this",
                 "our", "its", "their", "each", "every", "government", "govt", "s", "and", "of"}
QUOTED = re.compile(r"[“\"‘](?P<inner>[^“”\"‘’\n]{2,120}?)[”\"’]")
ACRONYM_AFTER = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z&]*[A-Z][A-Za-z&()]*?|[A-Z]{2,})\s*\)")
LIST_HEADS = r"(?:action plans|plans|programmes|programs|campaigns|initiatives|projects|schemes|missions|regulations|laws|measures|strategies|funds|pilots)"
COORDINATED = re.compile(
    rf"\b(?P<head>(?:[\w-]+\s+)?{LIST_HEADS})\b[^.;:\n]{{0,60}}?\b(?:including|namely|such as)\s+(?P<items>[^.;\n]+)",
    re.IGNORECASE,
)
BACK_REFERENCE = re.compile(r"\b[Tt]he\s+(?P<head>[A-Z][a-z]+)\b(?!\s+(?:of|for|on)\b)")


@dataclass(frozen=True)
class Mention:
    """One place in the text that names an entity; ``key`` is the entity's identity."""

    start: int
    end: int
    type: str
    name: str
    key: str
    rule: str

    @property
    def ident(self) -> str:
        """The entity's identity across the pipeline: class and canonical key."""
        return f"{self.type}:{self.key}"


class PolicyEntityRecognizer:
    """spaCy component: sets ``doc._.kg_mentions`` (sorted, non-overlapping per type)."""

    def __init__(self, nlp, name: str = "kg_entities", min_name_words: int = 2):
        self.name = name
        self.min_name_words = min_name_words
        if not Doc.has_extension("kg_mentions"):
            Doc.set_extension("kg_mentions", default=[])

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        acronyms = find_acronym_definitions(text)
        found = [
            *self._lexicon_mentions(text),
            *self._name_run_mentions(doc),
            *self._quoted_mentions(text),
            *self._list_mentions(text),
        ]
        found = resolve_identities(found, acronyms)
        found += acronym_mentions(text, acronyms, found)
        found += back_reference_mentions(text, found)
        doc._.kg_mentions = drop_overlaps(found)
        return doc

    # -- rule 1: lexicon ------------------------------------------------------------
    def _lexicon_mentions(self, text: str):
        for match in lexicon_pattern().finditer(text):
            entry = agency_lexicon()[canonical_key(match.group())]
            yield Mention(match.start(), match.end(), "Agency", match.group(), canonical_key(entry.name),
                          "lexicon")

    # -- rule 2: title-case names classified by head noun -----------------------------
    def _name_run_mentions(self, doc: Doc):
        for match in NAME_RUN.finditer(doc.text):
            for start, end, type_ in classify_name_run(doc, match.start(), match.end()):
                name = doc.text[start:end]
                if self._acceptable(name, type_):
                    yield Mention(start, end, type_, strip_quotes(name), canonical_key(name), "head")

    def _acceptable(self, name: str, type_: str) -> bool:
        words = [w.lower().strip("“”\"‘’'.") for w in name.split()]
        if COMPANY_WORDS & set(words):
            return False
        content = [w for w in words if w not in CONNECTORS]
        if type_ == "Agency":
            if words[-1].endswith("s") and head_type(words[-1]) and singular(words[-1]) != words[-1]:
                return False  # "State Governments", "relevant departments"
            if all(w in GENERIC_WORDS or head_type(w) == "Agency" for w in content):
                return False
        non_head = [w for w in content if not head_type(w) and w not in GENERIC_WORDS]
        return len(content) >= self.min_name_words and bool(non_head)

    # -- rule 3: quoted names ------------------------------------------------------------
    def _quoted_mentions(self, text: str):
        for match in QUOTED.finditer(text):
            inner = match["inner"].strip()
            words = inner.split()
            type_ = head_type(words[-1]) if words else None
            if not type_ and len(words) >= 3 and words[1].lower() in {"on", "of", "for"}:
                type_ = head_type(words[0])
            if type_ and len(words) >= 2 and words[0][:1].isupper() and self._acceptable(inner, type_):
                start = match.start("inner") + match["inner"].index(inner)
                yield Mention(start, start + len(inner), type_, strip_quotes(inner), canonical_key(inner), "quote")

    # -- rule 4: coordinated lists ---------------------------------------------------------
    def _list_mentions(self, text: str):
        for match in COORDINATED.finditer(text):
            head_words = [w for w in match["head"].lower().split() if not re.match(r"\d|three|two|four|five", w)]
            head = " ".join(singular(w) for w in head_words[-2:] if head_type(w) or w == "action")
            type_ = head_type(head.split()[-1]) if head else None
            if not type_:
                continue
            for start, item in split_list_items(text, match.start("items"), match["items"]):
                name = f"{item} {head}" if not head_type(item.split()[-1]) else item
                yield Mention(start, start + len(item), type_, name, canonical_key(name), "list")


def classify_name_run(doc: Doc, start: int, end: int):
    """Split a title-case run into (start, end, class) names by their head nouns."""
    text = doc.text
    start, end = trim_run(doc, start, end)
    if start >= end:
        return
    for part_start, part_end in split_on_and_the(text, start, end):
        words = list(re.finditer(r"\S+", text[part_start:part_end]))
        if not words:
            continue
        last_type = head_type(words[-1].group().rstrip(".,"))
        if last_type:
            yield part_start, part_end, last_type
            continue
        yield from head_first_names(text, part_start, words)


def head_first_names(text: str, base: int, words: list[re.Match]):
    """"Ministry of Power", "Regulations on the Management of ...": head then of/on/for."""
    for i, word in enumerate(words[:-2]):
        type_ = head_type(word.group())
        nxt = words[i + 1].group().lower()
        if type_ and nxt in {"of", "on", "for", "to"} and strip_quotes(word.group())[:1].isupper():
            stop = len(words)
            for j in range(i + 2, len(words)):
                if words[j].group().lower().strip(",.") in PERSON_TITLES:
                    stop = j
                    break
            while stop > i + 2 and words[stop - 1].group().lower() in CONNECTORS:
                stop -= 1
            yield base + word.start(), base + words[stop - 1].end(), type_
            return


def trim_run(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial common words and connectors at either end of a run."""
    text = doc.text
    while end > start and text[end - 1] in ".,’'”\"" and not text[start:end].endswith(("Govt.", "Co.")):
        if text[end - 1] in "”\"’" and text[start] in "“\"‘":
            break
        end -= 1
    while True:
        first = re.match(r"\S+", text[start:end])
        if not first:
            return start, start
        word = first.group()
        token = doc.char_span(start, start + len(word), alignment_mode="expand")
        lower = word.lower().strip("“\"‘")
        common = token is not None and len(token) and token[0].is_sent_start and token[0].pos_ not in {"PROPN", "NUM"}
        if lower in CONNECTORS or lower in {"the", "a", "an"} or common and not head_type(lower) \
                or lower in PERSON_TITLES:
            start += len(word)
            start += len(text[start:end]) - len(text[start:end].lstrip())
            continue
        return start, end


def split_on_and_the(text: str, start: int, end: int):
    chunk = text[start:end]
    offset = 0
    for piece in re.split(r"(\s+and\s+the\s+)", chunk):
        if re.fullmatch(r"\s+and\s+the\s+", piece):
            offset += len(piece)
            continue
        yield start + offset, start + offset + len(piece)
        offset += len(piece)


def split_list_items(text: str, base: int, items: str):
    """"A, B, and C" -> [(offset, "A"), (offset, "B"), (offset, "C")], quotes dropped.

    Items are split on commas and on the "and" before the last item only, so that
    "industrial Internet innovation and development" stays one item.
    """
    pieces = re.split(r"(,\s*)", items)
    if len(pieces) == 1:
        pieces = re.split(r"(\s+and\s+)", items)
    offset = 0
    for raw in pieces:
        if re.fullmatch(r",\s*|\s+and\s+", raw):
            offset += len(raw)
            continue
        lead = re.match(r"\s*(?:and\s+)?", raw).end()
        clean = raw[lead:].strip().strip("“”\"‘’'").strip()
        n_words = len(clean.split())
        if 1 <= n_words <= 10 and clean[:1].isalnum() and not clean.lower().startswith(("etc", "together")):
            yield base + offset + raw.index(clean[0], lead), strip_quotes(clean)
        offset += len(raw)


def find_acronym_definitions(text: str) -> dict[str, str]:
    """"Full Name (ACR)" -> {"ACR": "Full Name"} when the letters fit the name's initials."""
    found = {}
    for match in ACRONYM_AFTER.finditer(text):
        acronym = match["acr"]
        before = text[max(0, match.start() - 160):match.start()].rstrip()
        runs = list(NAME_RUN.finditer(before))
        if runs and runs[-1].end() == len(before) and initials_fit(acronym, runs[-1].group()):
            name = runs[-1].group()
            found.setdefault(acronym, trim_to_initials(acronym, name))
    return found


def initials_fit(acronym: str, name: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in CONNECTORS)
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    return bool(letters) and letters[0] == initials[:1].upper() or letters in initials.upper()


def trim_to_initials(acronym: str, name: str) -> str:
    """Keep only the last words of ``name`` that the acronym spells (drops leading words)."""
    words = name.split()
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    for i in range(len(words)):
        rest = [w for w in words[i:] if w.lower() not in CONNECTORS]
        if "".join(w[0] for w in rest).upper().startswith(letters[:1]) and len(rest) <= len(letters) + 2:
            return " ".join(words[i:]).strip("“”\"‘’")
    return name


def resolve_identities(mentions: list[Mention], acronyms: dict[str, str]) -> list[Mention]:
    """Lexicon names win: a mention whose name is a lexicon form takes the lexicon key."""
    lexicon = agency_lexicon()
    out = []
    for m in mentions:
        entry = lexicon.get(canonical_key(m.name))
        if entry and m.type == "Agency":
            m = Mention(m.start, m.end, m.type, m.name, canonical_key(entry.name), m.rule)
        out.append(m)
    return out


def acronym_mentions(text: str, acronyms: dict[str, str], mentions: list[Mention]):
    """Every use of an acronym defined in the text names the same entity as its expansion."""
    by_key = {m.key: m for m in mentions}
    lexicon = agency_lexicon()
    for acronym, expansion in acronyms.items():
        key = canonical_key(expansion)
        entry = lexicon.get(key)
        if entry:
            key = canonical_key(entry.name)
        target = by_key.get(key)
        if target is None:
            type_ = head_type(expansion.split()[-1]) or next(
                (head_type(w) for w in expansion.split() if head_type(w)), None)
            if not type_:
                continue
            target = Mention(0, 0, type_, expansion, key, "acronym")
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield Mention(match.start(), match.end(), target.type, acronym, target.key, "acronym")


def back_reference_mentions(text: str, mentions: list[Mention]):
    """"the Ministry" names the document's one Ministry, when there is exactly one."""
    by_head = defaultdict(set)
    for m in mentions:
        words = m.name.split()
        for word in (words[0], words[-1]):
            if head_type(word) == m.type:
                by_head[singular(word)].add((m.type, m.key, m.name))
    for match in BACK_REFERENCE.finditer(text):
        candidates = by_head.get(singular(match["head"]), set())
        if len(candidates) == 1:
            type_, key, _ = next(iter(candidates))
            yield Mention(match.start("head"), match.end("head"), type_, match["head"], key, "reference")


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Per place in the text keep the longest mention (the most trusted on ties); a quoted
    name nested in a longer name (“14th Five-Year Plan” ... Development Plan) is kept too."""
    trust = {"lexicon": 0, "acronym": 1, "list": 2, "head": 3, "quote": 4, "reference": 5}
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), trust[m.rule]))
    kept: list[Mention] = []
    for m in ranked:
        clashes = [k for k in kept if m.start < k.end and k.start < m.end]
        if m.end > m.start and all(is_nested_quote(m, k) for k in clashes):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def is_nested_quote(inner: Mention, outer: Mention) -> bool:
    return (inner.rule == "quote" and outer.start <= inner.start and inner.end <= outer.end
            and inner.key != outer.key)


_LEXICON_RE = None


def lexicon_pattern() -> re.Pattern:
    """One regex for every lexicon name and safe alias (acronyms of 3+ letters)."""
    global _LEXICON_RE
    if _LEXICON_RE is None:
        forms = set()
        for entry in set(agency_lexicon().values()):
            forms.add(entry.name)
            forms.update(a for a in entry.aliases if len(a) >= 3 and " " in a or a.isupper() and len(a) >= 3)
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        _LEXICON_RE = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    return _LEXICON_RE
