"""The plain text a reader sees, with a map back to the offsets of the original.

`plain_text(text) -> (plain, offsets)`: `offsets[i]` is the index in `text` of the character
`plain[i]` came from. Tags and comments are dropped (a tag between letters joins them,
a block tag separates them), entities decoded, invisible format characters dropped,
compatibility forms folded (NFKC: wide and styled letters, ligatures) and look-alike
letters from other scripts read as Latin (the list is data: confusables.txt).
"""

import html
import re
import unicodedata
from pathlib import Path

TAG_RE = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>]*>", re.DOTALL)
BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|ul|ol|h\d|tr|td|th|table|blockquote|section)\b",
                          re.IGNORECASE)
ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _confusables():
    path = Path(__file__).resolve().parent / "confusables.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            source, target = line.split()
            table[chr(int(source, 16))] = target
    return table


CONFUSABLES = _confusables()


def _is_plain(text):
    return text.isascii() and "<" not in text and "&" not in text


def plain_text(text):
    if _is_plain(text):
        return text, range(len(text))
    out, offsets = [], []

    def emit(chunk, at, combine=False):
        if combine:
            joined = unicodedata.normalize("NFC", out[-1] + chunk) if out else ""
            if len(joined) == 1:
                out[-1] = joined
            return  # a mark that does not combine is dropped
        for ch in chunk:
            out.append(ch)
            offsets.append(at)

    pos = 0
    for m in re.finditer(f"{TAG_RE.pattern}|{ENTITY_RE.pattern}", text, re.DOTALL):
        _emit_chars(text, pos, m.start(), emit)
        token = m.group()
        if token.startswith("&"):
            decoded = html.unescape(token)
            if decoded != token:
                at = m.start()

                def at_entity(ch, _i, combine=False, at=at):
                    emit(ch, at, combine)

                _emit_chars(decoded, 0, len(decoded), at_entity)
            else:
                _emit_chars(text, m.start(), m.end(), emit)
        elif BLOCK_TAG_RE.match(token):
            emit("\n", m.start())
        pos = m.end()
    _emit_chars(text, pos, len(text), emit)
    return "".join(out), offsets


def _emit_chars(source, lo, hi, emit):
    for i in range(lo, hi):
        ch = source[i]
        if ch.isascii():
            emit(ch, i)
            continue
        if unicodedata.category(ch) == "Cf" or ch == "\u00ad":
            continue  # zero-width space/joiner, soft hyphen, direction marks
        if unicodedata.category(ch) == "Mn":
            emit(ch, i, combine=True)  # "e" + a combining accent is "é"
            continue
        folded = unicodedata.normalize("NFKC", ch)
        emit("".join(CONFUSABLES.get(c, c) for c in folded), i)
