"""Boilerplate: the parts of a saved news page that are not the article.

Donation appeals, mastheads, "Read more" lists, related-story teasers, tag lists and photo
credits are kept (nothing is lost) but marked, so that recognition, linking and comparison skip
them and the page shows them collapsed. Each rule gives a reason a reader can check.
"""

from __future__ import annotations

import re

from ..model import BODY, BOILERPLATE

_APPEAL = re.compile(
    r"\b(donat(e|ion|ions)|contribute today|support (us|our|the [A-Z]\w+)|support of our (loyal )?readers"
    r"|independent journalism|help (us )?keep it (alive|free)|subscribe (now|today)|become a (member|subscriber)"
    r"|sign up for our newsletter)\b",
    re.I,
)
_SUPPORT_MASTHEAD = re.compile(r"^Support ((?:The |the )?[A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*){0,4})!?$")
_DONATION_TO = re.compile(r"donation to ((?:The |the )?[A-Z][\w’'&.-]*(?: [A-Z][\w’'&.-]*){0,4})")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?((?:The )?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})", re.I)
_READ_MORE = re.compile(r"^(read more|related( stories| articles| news)?|more (stories|on this story)|see also|you may also like|most read)\s*:?$", re.I)
_TAGS = re.compile(r"^(read more about|tags|topics|filed under)\s*:", re.I)
_DATELINE_LABEL = re.compile(r"^(updated|published|last updated|posted)\s*:?\s*$", re.I)
# A caption that ends with a photo credit "Name Surname / Agency" (no full stop after it).
_PHOTO_CREDIT = re.compile(r"(?:^|[.!?”\"]\s+)[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} / [A-Z][\w.'’&-]*(?: [\w.'’&-]+){0,5}$")
_CREDIT_ONLY = re.compile(r"^(photo|image|picture|credit)s?\s*(by)?\s*:", re.I)


def classify(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(kind, reason) for each paragraph span."""
    result: list[tuple[str, str]] = []
    in_teasers = False
    for start, end in spans:
        line = text[start:end].strip()
        if in_teasers:
            result.append((BOILERPLATE, "related stories"))
            continue
        if _READ_MORE.match(line):
            # Everything after a bare "Read more" heading is teaser lists and appeals, not the story.
            in_teasers = True
            result.append((BOILERPLATE, "related stories"))
        elif _TAGS.match(line):
            result.append((BOILERPLATE, "tag list"))
        elif _DATELINE_LABEL.match(line):
            result.append((BOILERPLATE, "page furniture"))
        elif _CREDIT_ONLY.match(line) or _PHOTO_CREDIT.search(line):
            result.append((BOILERPLATE, "photo caption and credit"))
        elif _is_appeal(line):
            result.append((BOILERPLATE, "donation appeal"))
        else:
            result.append((BODY, ""))
    return result


def _is_appeal(line: str) -> bool:
    # An appeal is short or says so plainly; a long news paragraph that merely mentions a
    # donation is not one.
    hits = len(_APPEAL.findall(line))
    return hits >= 1 and (len(line) < 80 or hits >= 2 or bool(re.search(r"\bplease (consider|support|donate)\b", line, re.I)))


def masthead(text: str, spans, kinds) -> str | None:
    """The outlet's name, only where the page states it explicitly (appeal or copyright line)."""
    for (start, end), (kind, _) in zip(spans, kinds):
        line = text[start:end].strip()
        for pattern in (_SUPPORT_MASTHEAD, _COPYRIGHT):
            m = pattern.match(line)
            if m and kind == BOILERPLATE or (m and pattern is _COPYRIGHT):
                return m.group(1).strip()
        if kind == BOILERPLATE:
            m = _DONATION_TO.search(line)
            if m:
                return m.group(1).strip()
    return None
