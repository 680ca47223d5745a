"""Numbers that are not amounts: dates, clock times, years, references ("Article 5"), list
counters, numbers inside names ("S&P 500", "iPhone 11", "Game 7"), addresses (street numbers,
ZIP and PIN codes, PO boxes), telephone numbers, web addresses, file sizes and page counts,
footnote marks, ages, the size of a thing in an anecdote, the base of a rate ("per 100,000").

Each rule is one small function of the text and the mention; the reader drops a mention when
any of them holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import spans_overlapping, starting_with
from .ranges import looks_like_year
from .reader import TIME_UNITS, Mention
from .vocabulary import common_words, months, words

__all__ = ["is_incidental", "not_prose_spans"]

# Numbers inside these are addresses and identifiers: web addresses and markup left in scraped
# text, e-mail addresses, telephone numbers (national, international and toll-free forms).
# An e-mail address is matched from a word's start, its parts without "@" and bounded as RFC
# 5321 bounds them: "\S+@\S+\.\w+" took 110 s on 5 KB of "@" (issue 21).
URL_OR_MARKUP = r"(?:https?://|www\.)\S+|<[^<>\n]{1,2000}>"
EMAIL = r"(?<![^\s@])[^\s@]{1,64}@[^\s@]{1,255}\.\w+"
TELEPHONE = (
    r"\+\d{1,3}[\s-]?(?:\(0\)\s?)?\d{1,5}(?:[\s-]\d{2,8}){1,4}"
    r"|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b0\d{2,4}(?:[ -]\d{3,4}){1,3}\b"
    r"|\b1[- ]?8\d\d(?:[ -]\d{2,4}){2,3}\b"
)
NOT_PROSE = re.compile(f"{URL_OR_MARKUP}|{EMAIL}|{TELEPHONE}")
# A text without "@" holds no e-mail address, and the e-mail branch, tried from every word's
# start, was most of the scan; without it a match starts with one of a few characters.
NOT_PROSE_WITHOUT_EMAIL = re.compile(starting_with(r"hw<+(\d") + f"(?:{URL_OR_MARKUP}|{TELEPHONE})")
NOT_PROSE_HINT = re.compile(
    r"https?://|www\.|[<@+]|\d{3}\)?[ .-]\d{3}|0\d{2,4}[ -]\d{3}|8\d\d[ -]\d"
)
TITLE_CASE_SHARE = 0.9
WORDS_BEFORE = re.compile(r"[\w.&'’-]+")
WORD_AFTER = re.compile(r"[\s-]*([\w.'’]+)")
AGE_AFTER = re.compile(
    r"[\s-]*(?:years?|yrs?|months?|weeks?|days?)?[\s-]*([a-z]+(?: of age)?)", re.IGNORECASE
)
DATELINE = re.compile(r"\s*\([A-Z][^()]{0,30}\)\s*(?:--|—|–)")
FOLLOWING_WORDS = re.compile(r"\s+([a-z][a-z-]*|[A-Z]+s)(?:\s+([a-z][a-z-]*))?")
YEAR_PAIR = re.compile(r"\b(?:19|20)\d\d\s*(?:to|-|–|and)\s*$")
FULL_DATE = re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, $")
DATE_RANGE_END = re.compile(r"\b([A-Z][a-z]{2,8})\.? \d{1,2}\s*(?:to|-|–|and|till|until)\s*$")
SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+\s+[A-Z]")
CAPITALISED_WORDS = re.compile(r"(?:\s+[A-Z][\w.]*){2,4}")
MIN_TITLE_WORDS = 4


@lru_cache(maxsize=8)  # asked once per number of a sentence: a scan per number was quadratic
def not_prose_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` holds web addresses, markup, e-mail addresses and telephone numbers, in
    order."""
    if NOT_PROSE_HINT.search(text) is None:
        return ()
    pattern = NOT_PROSE if "@" in text else NOT_PROSE_WITHOUT_EMAIL
    return tuple(m.span() for m in pattern.finditer(text))


def is_incidental(text: str, m: Mention, mentions: list[Mention]) -> bool:
    if m.glued or in_not_prose(text, m):
        return True
    rules = BARE + ALWAYS if m.bare else ALWAYS
    return any(rule(text, m) for rule in rules) or m.bare and is_listed_reference(text, m, mentions)


def in_not_prose(text: str, m: Mention) -> bool:
    at = m.number[0]
    return bool(spans_overlapping(not_prose_spans(text), at, at + 1))


def words_before(text: str, m: Mention, count: int = 1) -> tuple[str, ...]:
    return tuple(WORDS_BEFORE.findall(text, max(0, m.start - 40), m.start)[-count:])


def word_after(text: str, m: Mention) -> str:
    found = WORD_AFTER.match(text, m.end)
    return found[1] if found else ""


# ---------------------------------------------------------------- every mention


def is_file_note(text: str, m: Mention) -> bool:
    """ "(PDF, 1.43MB, 31 pages)": the size and length of a download."""
    opening, closing = (
        text.rfind("(", max(0, m.start - 40), m.start),
        text.find(")", m.end, m.end + 40),
    )
    if opening < 0 or closing < 0 or ")" in text[opening : m.start]:
        return False
    return any(
        w.lower() in words("file_word") for w in re.findall(r"[A-Za-z]+", text[opening:closing])
    )


def is_adjective(text: str, m: Mention) -> bool:
    """ "a 5-member committee", "a 300-page report": a bare number joined to a word by a hyphen
    describes the thing, it does not count it."""
    return m.bare and re.match(r"-[A-Za-z]", text[m.end : m.end + 2]) is not None


def is_age_or_time_ago(text: str, m: Mention) -> bool:
    """ "18 years old", "16 to 24 year olds", "aged 65", "ten years ago"."""
    after = AGE_AFTER.match(text, m.end)
    if after and after[1].lower() in words("age"):
        if after[1].lower() == "on" and not re.match(r"\s*(?:[,.;:]|$)", text[after.end() :]):
            return False  # "30 years on," is a time since; "six months on youth channels" is not
        return m.unit in TIME_UNITS or m.unit is None
    return any(w.lower() in words("age_before") for w in words_before(text, m, 2))


def is_selection(text: str, m: Mention) -> bool:
    """ "the first four rounds", "over the next 5 years", "in the past one hundred years":
    which ones or when, not how many."""
    if not (m.bare or m.unit in TIME_UNITS):
        return False
    before = [w.lower() for w in words_before(text, m, 2)]
    return (
        bool(before)
        and (before[-1] in SELECTIONS or is_superlative(before[-1]))
        and not (len(before) == 2 and before[0] in words("modal"))
    )


def is_superlative(word: str) -> bool:
    """ "the UK's biggest 100 energy companies": a superlative picks which ones (lemminflect's
    dictionary tells "biggest" from "harvest")."""
    from lemminflect import getAllLemmas

    if not word.endswith("est"):
        return False
    return any(lemma != word for lemma in getAllLemmas(word, upos="ADJ").get("ADJ", ()))


SELECTIONS = common_words("number-selection")


def is_whole_set(text: str, m: Mention) -> bool:
    """Every one of a known set, not a count: "all three emergency services", "all 50 states"."""
    before = words_before(text, m)
    return m.bare and bool(before) and before[0].lower() in words("whole_set")


def is_streak(text: str, m: Mention) -> bool:
    """ "for 18 consecutive years": how long a run lasted, not an amount of years."""
    return (
        word_after(text, m).lower() in words("streak")
        or re.match(r"\s+in a row\b", text[m.end :]) is not None
    )


def is_dateline(text: str, m: Mention) -> bool:
    """ "17 (Xinhua) -- The ...": the day of a news dateline split from its month."""
    return m.bare and DATELINE.match(text, m.end) is not None


def is_dimension(text: str, m: Mention) -> bool:
    """ "a fish 70 to 80 centimetres long": the size of one thing in a story."""
    if m.unit not in words("dimension_unit"):
        return False
    after = re.findall(r"[a-z]+", text[m.end : m.end + 15].lower())
    return bool(after) and (
        after[0] in words("dimension") or " ".join(after[:2]) in words("dimension")
    )


RATE_BASES = common_words("rate-base")


def is_rate_base(text: str, m: Mention) -> bool:
    """The "100,000" of "842.4 thefts per 100,000 residents", the "$1" of "$2.40 for every $1
    invested": the base of a rate ("every 30 minutes" is a time step, and read)."""
    before = words_before(text, m)
    if not before or before[0].lower() not in RATE_BASES:
        return False
    return m.bare or (m.currency and before[0].lower() == "every")


def is_age_group(text: str, m: Mention) -> bool:
    """ "the 21 – 60 age group", "the total 18 to 24 population": an age band."""
    if re.match(r"\s*(?:years?\s+)?age[\s-]?group", text[m.end : m.end + 20], re.IGNORECASE):
        return True
    if not m.bare or m.upper is None or m.upper > MAX_AGE:
        return False
    after = WORD_AFTER.match(text, m.end)
    return after is not None and after[1].lower() in words("age_band")


MAX_AGE = 120


def is_rate_note(text: str, m: Mention) -> bool:
    """ "(1 euro = 1.19 U.S. dollars)": the unit of an exchange rate note."""
    return re.match(r"\s*=", text[m.end : m.end + 3]) is not None


def is_record(text: str, m: Mention) -> bool:
    """ "a 30-year high": how far back a record reaches, not an amount."""
    if m.unit not in TIME_UNITS or "-" not in text[m.number[1] : m.end]:
        return False
    return word_after(text, m).lower() in words("record_word")


def is_chinese_date(text: str, m: Mention) -> bool:
    return m.unit is None and text[m.end : m.end + 1] in words("cjk_date")


# ---------------------------------------------------------------- bare numbers only


def is_year(text: str, m: Mention) -> bool:
    """A four-digit number from 1800 to 2100 is a year, unless a counted noun follows it and
    no preposition of time stands before it ("sanctioned 2000 charging stations")."""
    if not looks_like_year(m):
        return False
    if FULL_DATE.search(text, max(0, m.start - 16), m.start) or YEAR_PAIR.search(
        text, max(0, m.start - 12), m.start
    ):
        return True  # "Nov. 11, 2020 shows", "year 2014 to 2015 agreed timescales": dates
    before = words_before(text, m)
    strength = words("year_word").get(before[0].lower().rstrip(".")) if before else None
    return strength == "strong" or not counted_noun_follows(text, m.end)


NOT_PLURALS = common_words("not-plural")
COUNTED_PLURALS = common_words("counted-plural")


def counted_noun_follows(text: str, end: int) -> bool:
    following = FOLLOWING_WORDS.match(text, end)
    if following is None:
        return False
    return any(
        w
        and len(w) > 3
        and w.endswith("s")
        and not w.endswith(("ss", "us", "is"))
        and w.lower() not in NOT_PLURALS
        or w in COUNTED_PLURALS
        for w in following.groups()
    )


def is_date_or_time(text: str, m: Mention) -> bool:
    """ "January 20", "20 Jan.", "5:53", "01/06/2020", "9/11", "24/7", "5 pm", the "21" of
    "2020-21"."""
    before, after = text[max(0, m.start - 3) : m.start], text[m.end : m.end + 3]
    if re.search(r"\d\s?[:/.]$|\d[-–]$", before) or re.match(r"[:/]\s?\d|[-–.]\d", after):
        return True
    day_range = DATE_RANGE_END.search(text, max(0, m.start - 30), m.start)
    if day_range and day_range[1].lower() in months():
        return True  # the "12" of "December 8 to 12"
    prev = words_before(text, m)
    nxt = word_after(text, m).lower()
    return (
        bool(prev)
        and prev[0].lower().rstrip(".") in months()
        or nxt.rstrip(".") in months()
        or nxt in words("time_of_day")
        or nxt.rstrip(".") in words("time_of_day")
    )


REFERENCE_GAPS = common_words("reference-gap")


def is_reference(text: str, m: Mention) -> bool:
    """ "Article 5", "No. 3", "Section 8", "Phase 2", "Title 42", "Game 7", "Row 21", "Box 123"."""
    prev = [w.lower() for w in words_before(text, m, 2)]
    if len(prev) == 2 and prev[1] in REFERENCE_GAPS:
        prev = prev[:1]  # "the helpline on 1075", "PIN code is 560001"
    return bool(prev) and (
        prev[-1] in words("reference") or prev[-1].rstrip(".") in words("reference")
    )


LISTED_REFERENCE_GAP = (
    60  # characters: "Executive Orders 14030, Climate-Related Financial Risk, and"
)
LIST_JOINT = re.compile(r"(?:,|\b(?:and|or))\s*$", re.IGNORECASE)
AND_BEFORE = re.compile(r"\b(?:and|or)\s*$", re.IGNORECASE)
LISTED_NEXT = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?\d|\s+(?:and|or)\s+\d", re.IGNORECASE)


def is_listed_reference(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """ "Executive Orders 13836, 13837, and 13839", "Section 232 and 301 tariffs": a bare number
    listed after a reference is one too (not after a name's number: "YSEALI’s 160,000 strong
    digital network and 6,000 plus alumni")."""
    if not (
        AND_BEFORE.search(text, max(0, m.start - 5), m.start) or LISTED_NEXT.match(text, m.end)
    ):
        return False  # "In Phase 2, 300 homes were built": a comma alone lists nothing
    earlier = [e for e in mentions if e.end <= m.start]
    listed = m
    while earlier and LIST_JOINT.search(text, max(0, listed.start - 5), listed.start):
        last = earlier.pop()
        if not last.bare or listed.start - last.end > LISTED_REFERENCE_GAP:
            return False
        if is_reference(text, last):
            return True
        listed = last
    return False


def is_list_counter(text: str, m: Mention) -> bool:
    """ "1." or "2)" starting a line (also "2\\." escaped in Markdown), "(3)" in a sentence,
    "[4]" as a footnote mark, "four Lines of Effort: 1) Participation; 2) Protection" (a number
    closing a bracket that no bracket before it on the line opened)."""
    line_start = text.rfind("\n", 0, m.start) + 1
    at_line_start = not text[line_start : m.start].strip(" \t(-•*")
    if at_line_start and (
        re.match(r"\s*\\?[.)]", text[m.end :]) or SECTION_NUMBER.match(text, m.start)
    ):
        return True  # "1.", "2)", "4.2 How DWP is doing"
    if re.match(r"\)", text[m.end :]) and enumerates_inline(text[line_start : m.start]):
        return True
    return bool(
        re.search(r"[(\[]\s*$", text[max(0, m.start - 2) : m.start])
        and re.match(r"\s*[)\]]", text[m.end :])
    )


INLINE_COUNTER_BEFORE = re.compile(r"(?:^|[:;,]|\band)\s*$")
COUNTER = re.compile(r"\b\d{1,2}\)")


def enumerates_inline(before: str) -> bool:
    """ "...: 1) Participation; 2) Protection", "..., and 3) Ocean-based": after a colon,
    semicolon, comma or "and", with every bracket before it on the line closed (not "(up from
    12)")."""
    opened = COUNTER.sub("", before)  # the counters before it close no bracket
    return opened.count("(") == opened.count(")") and bool(INLINE_COUNTER_BEFORE.search(before))


def is_in_name(text: str, m: Mention) -> bool:
    """ "S&P 500", "iPhone 11", "Boeing 737", "DC 20460": a number right after a capitalised
    word (not a word like "About" or "Over" starting a sentence, not in a title-case line)."""
    prev = re.search(r"(?:^|\s)([^\s]+) $", text[max(0, m.start - 30) : m.start])
    word = prev[1].lstrip("([\"“‘'") if prev else ""
    if (
        not re.match(r"[A-Za-z]", word)
        or word[-1] in ',;:!?)”’"'
        or word[-1] == "."
        and "." not in word[:-1]
    ):
        return False  # "Accordingly, 835 seats": a comma ends the phrase ("G.S.R. 336" is a name)
    if re.search(r"[a-z][A-Z]|&", word):
        return True  # "iPhone", "S&P"
    if (
        not word[0].isupper()
        or re.split(r"['’]", word.lower().strip(".,"))[0] in words("name_word")  # "That’s 618"
        or title_case_line(text, m)
    ):
        return False
    return word.lower().rstrip(".") not in months()


QUOTED = re.compile(r"[‘“\"]([^‘’“”\"\n]{1,60})[’”\"]")
MAX_TITLE_WORDS = 8


def is_in_quoted_title(text: str, m: Mention) -> bool:
    """ "‘Keeping up with the Kardashians’ and ‘8 Out of 10 Cats’": a number inside a short
    quoted title (every word of three letters or more capitalised) is part of a name."""
    line_start = text.rfind("\n", 0, m.start) + 1
    for quoted in QUOTED.finditer(text, line_start, m.end + 60):
        if quoted.start(1) <= m.start and m.end <= quoted.end(1):
            words = re.findall(r"[A-Za-z][\w'’-]*", quoted[1])
            long_words = [w for w in words if len(w) > 2]
            return (
                len(words) <= MAX_TITLE_WORDS
                and bool(long_words)
                and all(w[0].isupper() for w in long_words)
            )
    return False


def title_case_line(text: str, m: Mention) -> bool:
    start, end = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.end)
    tokens = re.findall(r"[A-Za-z][\w'’-]*", text[start : end if end >= 0 else len(text)])
    long_words = [t for t in tokens if len(t) > 3]
    if len(tokens) < MIN_TITLE_WORDS or not long_words:
        return False
    return sum(t[0].isupper() for t in long_words) >= TITLE_CASE_SHARE * len(long_words)


def is_address(text: str, m: Mention) -> bool:
    """ "1600 Pennsylvania Avenue", "New Delhi - 110001": a street number or postal code."""
    names = CAPITALISED_WORDS.match(text, m.end)
    if names and any(w.lower().rstrip(".,") in words("street") for w in names.group().split()[1:]):
        return True
    digits = text[m.number[0] : m.number[1]]
    return (
        len(digits) == 6
        and re.search(r"[A-Za-z]\s?[-–:,]\s?$", text[max(0, m.start - 4) : m.start]) is not None
    )


def is_code(text: str, m: Mention) -> bool:
    """ "020", "0300": a number with a leading zero is a code; "7(j)", "401(k)", "203(h)": a
    number with a lettered subsection right after it names a statute's section (a programme
    called after it)."""
    return bool(
        re.fullmatch(r"0\d+", text[m.number[0] : m.number[1]])
        or SUBSECTION.match(text, m.number[1])
    )


SUBSECTION = re.compile(r"\([a-z]{1,2}\)")


def is_bare_zero(text: str, m: Mention) -> bool:
    """ "zero emission vehicles", "near zero": "zero" counts only things ("zero cases")."""
    return (
        m.kind == "word" and m.base == 0 and m.bare and not re.match(r"\s+[a-z]+s\b", text[m.end :])
    )


def is_word_pronoun(text: str, m: Mention) -> bool:
    """ "one of the largest", a number word in quotes ("“six-stability”"), "four-party": not
    amounts."""
    if m.kind != "word":
        return False
    if (
        m.bare
        and re.match(r"\s+of\b", text[m.end :])
        or re.match(r"-[A-Za-z]", text[m.number[1] :])
    ):
        return True  # "three-year action plans": an adjective
    return text[max(0, m.start - 1) : m.start] in {"“", '"', "‘", "'"}


# The rules are pure questions, so their order changes only how soon a number is decided: those
# that decide most numbers for least time come first (of 2,183 numbers in 100 bulk releases,
# 415 are years and 860 dates or times, each decided there without the other twenty rules).
BARE = (
    is_year,
    is_date_or_time,
    is_list_counter,
    is_adjective,
    is_reference,
    is_in_name,
    is_address,
    is_whole_set,
)


ALWAYS = (
    is_code,
    is_word_pronoun,
    is_bare_zero,
    is_record,
    is_chinese_date,
    is_dateline,
    is_dimension,
    is_rate_note,
    is_file_note,
    is_age_group,
    is_in_quoted_title,
    is_streak,
    is_selection,
    is_rate_base,
    is_age_or_time_ago,
)
