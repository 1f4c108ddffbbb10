"""Bytes to text, and text to YAML data: the two decodings every reader shares.

Text is UTF-8 (a BOM is dropped), or UTF-32 or UTF-16 by its byte-order mark; anything else is
a guess and says so in a problem. YAML (front matter, sidecars) goes through the one strict
loader, `dossier.yamlsafe`.
"""

from __future__ import annotations

from .. import yamlsafe
from ..model import Problem
from .records import InputError


# Byte-order marks, longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
BYTE_ORDER_MARKS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
                    (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))


def decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes to text. UTF-8 (a BOM is dropped); UTF-32 or UTF-16 when a byte-order mark says
    so; anything else is a guess and says so."""
    for mark, codec, label in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(codec), [Problem(name, f"decoded as {label} (byte-order mark)", "warning")]
            except UnicodeDecodeError:
                raise InputError(f"starts with a {label} byte-order mark but is not valid {label}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        first_bad = err.start
    # Windows-1252 is what "ANSI" text from newsroom tools nearly always is; it is a superset of
    # Latin-1's printable range. cp1252 leaves five bytes undefined: fall back to Latin-1 there.
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    line = data[:first_bad].count(b"\n") + 1
    return text, [Problem(name, f"not valid UTF-8 (first bad byte on line {line}); decoded as {encoding}", "warning")]


def yaml_data(source: str, first_line: int = 1):
    """YAML by the one strict loader (`yamlsafe`): plain data only, no anchors or aliases, no
    repeated keys, bounded size and depth. A refusal is an `InputError` with its line."""
    try:
        return yamlsafe.load(source, first_line=first_line)
    except yamlsafe.YamlError as err:
        raise InputError(err.message, line=err.line) from None
