"""RDF terms as Python values: what query rows hold when read from Python or written as JSON.

    xsd:integer and its kinds      -> int
    xsd:decimal                    -> int when whole, else float (values are stored in base units:
                                      1.2 lakh crore is 1200000000000, and Decimal would refuse
                                      arithmetic with floats)
    xsd:double, xsd:float          -> float
    xsd:boolean                    -> bool
    xsd:date, xsd:dateTime         -> datetime.date, datetime.datetime
    IRIs, strings, anything else   -> str (periods such as "2023-Q1" are text)

A literal whose text does not parse as its datatype stays text. CSV and the CLI's tables keep
the literal's own text.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

__all__ = ["python_value", "json_default"]

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}


def whole_or_float(text: str) -> int | float:
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError(text)
    return int(number) if number == number.to_integral_value() else float(number)


def to_boolean(text: str) -> bool:
    if text not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return text in ("true", "1")


PARSERS = {
    XSD + "decimal": whole_or_float,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": to_boolean,
    XSD + "date": datetime.date.fromisoformat,
    XSD + "dateTime": datetime.datetime.fromisoformat,
    **dict.fromkeys(INTEGERS, int),
}


def python_value(term) -> object:
    """The Python value of an RDF term (see the module's table).

    >>> python_value(ox.Literal("1200000000000", datatype=ox.NamedNode(XSD + "decimal")))
    1200000000000
    >>> python_value(ox.Literal("12.5", datatype=ox.NamedNode(XSD + "decimal")))
    12.5
    >>> python_value(ox.Literal("2024-03-01", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2024, 3, 1)
    >>> python_value(ox.Literal("2023-Q1")), python_value(ox.NamedNode("https://example.org/a"))
    ('2023-Q1', 'https://example.org/a')
    """
    if not isinstance(term, ox.Literal):
        return term.value
    parse = PARSERS.get(term.datatype.value)
    if parse is None:
        return term.value
    try:
        return parse(term.value.strip())
    except (ValueError, InvalidOperation, OverflowError):
        return term.value


def json_default(value: object) -> object:
    """For ``json.dumps(default=...)``: dates as ISO 8601 text (numbers are numbers already).

    >>> import json
    >>> json.dumps({"issued": datetime.date(2024, 3, 1)}, default=json_default)
    '{"issued": "2024-03-01"}'
    """
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
