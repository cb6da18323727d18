"""HTML pages to articles with trafilatura (main text, title, date, site name)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..models import Article
from .readers import Defaults, make_article, parse_date

MAX_DEPTH = 400


# elements that never have content, so never nest (<br>, <img>, ...)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")


def _too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """A cheap nesting check before parsing, so hostile pages cannot exhaust the parser.

    Void elements and self-closed tags do not nest, so a long page full of ``<br>`` or
    ``<img>`` is not mistaken for a deep one.
    """
    depth = 0
    for m in _TAG.finditer(html):
        closing, name, self_closed = m.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closed and name.lower() not in VOID:
            depth += 1
            if depth > limit * 4:
                return True
    return False


def article_from_html(html: str, defaults: Defaults, url: str | None = None) -> Article:
    import trafilatura

    if _too_deep(html):
        raise InputError(f"the HTML nests deeper than {MAX_DEPTH * 4} elements; refusing it")
    options: dict[str, Any] = {"url": url, "include_comments": False, "favor_precision": True}
    try:
        try:
            result: Any = trafilatura.bare_extraction(html, with_metadata=True, **options)
        except AssertionError:
            # htmldate (the date finder inside trafilatura) asserts on some tag soup, e.g. a
            # page whose root is <svg>: keep the text, go without the metadata
            result = trafilatura.bare_extraction(html, with_metadata=False, **options)
    except (ValueError, TypeError, RecursionError, AssertionError) as exc:
        raise InputError(f"cannot parse the HTML: {exc}") from exc
    if result is None:
        raise InputError("no article text found in the HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the HTML")
    try:
        published = parse_date(data.get("date"))
    except InputError:
        published = None
    article = make_article(
        text,
        defaults,
        title=data.get("title"),
        outlet=data.get("sitename") or data.get("hostname"),
        url=url or data.get("url"),
        published=published,
        source_format="html",
    )
    return article
