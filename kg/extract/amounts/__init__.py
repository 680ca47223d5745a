"""The quantity reader: every number in English (or Chinese) policy text read as a statistician
would, with its value in base units, unit, bounds, qualifier, change and equivalent.

- ``read_quantities(sentence)``: the sentence's amounts, changes attached (``sentences``);
- ``find_amounts(text)``: every amount, without sentence-level reading (``reader``);
- currencies come from CLDR through babel, unit codes from pint (``vocabulary``); the words
  the rules rely on are data (``kg/extract/data/amount_words.tsv``, ``amount_units.tsv``).
"""

from .reader import Amount, Change, Equivalent, find_amounts
from .sentences import read_quantities

__all__ = ["Amount", "Change", "Equivalent", "find_amounts", "read_quantities"]
