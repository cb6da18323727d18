"""Places named as a cause: "protested in Amman in solidarity with the people of Gaza",
"to denounce the raids on Jenin". Such a place is neither where the event happened nor
evidence of where the story is."""

from __future__ import annotations

import re

from ..models import Document

# the words that open a phrase of cause; the place after them is its object
_CAUSE = re.compile(
    r"\b(?:solidarity\s+with|in\s+support\s+of|support\s+for|to\s+support|denounc\w*|"
    r"condemn\w*|in\s+protest\s+(?:at|against|over)|against\s+the\s+(?:war|aggression|"
    r"attacks?|bombing|siege|occupation)\b|to\s+demand\b|demanding\b|"
    r"to\s+call\s+for\b|calling\s+for\b)",
    re.IGNORECASE,
)


def in_cause(doc: Document, start: int) -> bool:
    """Whether the text at ``start`` stands in a phrase of cause in its sentence (no ";"
    or ":" between the phrase's opening words and it)."""
    sentence = doc.sentence_at(start)
    if sentence is None:
        return False
    before = doc.article.text[sentence.start : start]
    ends = [m.end() for m in _CAUSE.finditer(before)]
    return bool(ends) and not re.search(r"[;:]", before[ends[-1] :])
