"""Numbers as written -> exact values: digits with Western or Indian grouping, full-width
digits, number words ("twenty-five"), Chinese numerals and scale characters.

>>> parse_digits("1,52,000.5"), chinese_value("三千五百"), chinese_scale("万亿")
(Decimal('152000.5'), Decimal('3500'), Decimal('1E+12'))
>>> word_value("twenty-five"), to_ascii_digits("１２．５％")
(Decimal('25'), '12.5%')
"""

from __future__ import annotations

import re
from decimal import Decimal

from .vocabulary import words

__all__ = ["parse_digits", "word_value", "chinese_value", "chinese_scale", "to_ascii_digits"]

# Full-width digits and signs, one character for one: offsets into the text stay valid.
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％－＋", "0123456789.,%-+")


FULL_WIDTH_CHARACTER = re.compile("[０-９．，％－＋]")


def to_ascii_digits(text: str) -> str:
    return text.translate(FULL_WIDTH) if FULL_WIDTH_CHARACTER.search(text) else text


def parse_digits(digits: str) -> Decimal:
    """ "1,52,000.5" -> Decimal("152000.5"): Western and Indian grouping read alike, exactly."""
    return Decimal(digits.replace(",", ""))


def word_value(text: str) -> Decimal:
    """ "twenty-five" -> 25, "seven" -> 7: a tens word and a units word add up."""
    numbers = words("word_number")
    if text.lower() in numbers:
        return Decimal(numbers[text.lower()])  # "quarter-million", "half a million"
    return sum((Decimal(numbers[w]) for w in re.split(r"[-\s]+", text.lower()) if w), Decimal(0))


def chinese_scale(text: str) -> Decimal:
    """ "万亿" -> 1e12, "千亿" -> 1e11: scale characters multiply."""
    factor = Decimal(1)
    for char in text:
        factor *= Decimal(words("cjk_scale")[char])
    return factor


def chinese_value(text: str) -> Decimal:
    """ "三千五百" -> 3500, "十二" -> 12, "两" -> 2: digits times the place after them, summed;
    a scale beyond the place values (万, 亿) multiplies all before it."""
    digits, scales = words("cjk_digit"), words("cjk_scale")
    total, section, digit = Decimal(0), Decimal(0), None
    for char in text:
        if char in digits:
            digit = Decimal(digits[char])
            continue
        place = Decimal(scales[char])
        if place < 10_000:
            section += (digit if digit is not None else Decimal(1)) * place
        else:
            total = (total + section + (digit or 0)) * place
            section = Decimal(0)
        digit = None
    return total + section + (digit or 0)
