"""Rules about people: handles, spellings of given names, and surnames, family names and given
names written alone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from ...model import Evidence
from ..index import Index, Placement, person_keys, starts_with_other_name
from ..keys import best_form, fold_spelling
from ..names import HONORIFIC_SEX, KOREAN, compatible, person_name, sex_of_title, title_before


def titled_surnames(index: Index) -> None:
    """A full name is a person when its surname alone carries a title somewhere ("Mr. Musk"
    makes "Elon Musk" a person). Changes votes only; joins nothing."""
    votes = index.votes
    for k in index.strong:
        toks = k.split()
        if len(toks) >= 2 and not k.startswith("@") and not any(c.isdigit() for c in k):
            v = votes[k]
            if v["person"] == 0 and v["organization"] == 0 and v["place"] == 0 and votes.get(toks[-1], Counter())["person"] >= 3 \
                    and not starts_with_other_name(index, toks):
                v["person"] += 2


def handles(index: Index) -> None:
    """handle — "@JoeBiden" is "Joe Biden"; "@Kamalaharis" is close to "Kamala Harris" (fuzzy)."""
    forms, unions = index.forms, index.unions
    concat = defaultdict(list)
    for k in person_keys(index):
        concat[k.replace(" ", "")].append(k)
    for k in index.keys:
        if not k.startswith("@"):
            continue
        handle_form = next(iter(forms[k]))
        split = " ".join(re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+", handle_form[1:])).casefold()
        if split in index.key_set and split != k:
            unions.join(split, k, "handle", f"{handle_form} spells {best_form(forms[split])}")
            continue
        flat = k[1:].replace("_", "")
        if flat in concat and len(concat[flat]) == 1:
            unions.join(concat[flat][0], k, "handle", f"{handle_form} spells {best_form(forms[concat[flat][0]])}")
            continue
        if len(flat) >= 8:
            budget = 1 if len(flat) < 14 else 2
            close = [c for c in concat if abs(len(c) - len(flat)) <= budget and c[0] == flat[0]
                     and Levenshtein.distance(c, flat, score_cutoff=budget) <= budget]
            targets = {t for c in close for t in concat[c]}
            if len(targets) == 1:
                t = targets.pop()
                unions.join(t, k, "handle", f"{handle_form} is within {budget} edit(s) of {best_form(forms[t])}", True)


def transliterations(index: Index) -> None:
    """transliteration — two full names of people with the same surname whose given names are
    spelling variants ("Alexey"/"Alexei"); never when both spellings appear in one article (fuzzy)."""
    forms, articles_of = index.forms, index.articles_of
    by_surname = defaultdict(list)  # (surname, initials of the given names) -> keys
    for k in person_keys(index):
        toks = k.split()
        by_surname[(toks[-1], tuple(t[0] for t in toks[:-1]))].append(k)
    for surname, ks in by_surname.items():
        if len(ks) < 2:
            continue
        ks.sort()
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                ga, gb = a.split()[:-1], b.split()[:-1]
                if len(ga) != len(gb) or articles_of[a] & articles_of[b]:
                    continue
                if all(_spelling_variants(x, y) for x, y in zip(ga, gb)):
                    index.unions.join(a, b, "transliteration",
                                      f"{best_form(forms[b])} and {best_form(forms[a])}: same surname, given names are spelling variants", True)


def _spelling_variants(x: str, y: str) -> bool:
    """Two given names that are the same or spellings of one name ("alexey", "alexei")."""
    if x == y:
        return True
    if len(x) < 4 or len(y) < 4 or x[0] != y[0]:
        return False
    return fold_spelling(x) == fold_spelling(y) or ratio(x, y) >= 80


def name_variants(index: Index) -> None:
    """name variant — one person written with and without a middle name or initial, or with a
    short form of the given name: "Donald J. Trump" / "Donald Trump", "James B. Comey" / "James
    Comey", "Rick Gates" / "Richard Gates" (fuzzy). Names are read with their structure
    (`names.person_name`): the surname and the suffix must be equal ("Donald Trump Jr." is not
    "Donald Trump"), the given names compatible (`names.compatible`), and all the names one of
    them is compatible with compatible with each other: "George Bush" joins "George W. Bush" only
    when the dossier has no "George H. W. Bush"."""
    forms, hyp = index.forms, index.gaz.hypocorisms
    parsed = {}
    by_surname = defaultdict(list)
    for k in person_keys(index):
        p = person_name(best_form(forms[k]))
        if p is not None and p.given:
            parsed[k] = p
            by_surname[p.surname].append(k)
    for surname, ks in sorted(by_surname.items()):
        if len(ks) < 2:
            continue
        ks.sort()
        comp = {a: [b for b in ks if b != a and compatible(parsed[a], parsed[b], hyp)] for a in ks}
        for a in ks:
            group = comp[a]
            if not group or not all(y in comp[x] for i, x in enumerate(group) for y in group[i + 1:]):
                continue
            for b in group:
                pa, pb = parsed[a], parsed[b]
                short = any(x != y and len(x) > 1 and len(y) > 1 for x, y in zip(pa.given, pb.given))
                index.unions.join(a, b, "name variant", _variant_detail(best_form(forms[a]), best_form(forms[b]), short),
                                  short)


def _variant_detail(a: str, b: str, short: bool) -> str:
    if short:
        return f"{a} and {b}: same surname, one given name is a short form of the other"
    return f"{a} and {b}: same surname, given names and initials agree"


class _Person(NamedTuple):
    sex: str  # "m", "f" or "" (by given names, then by honorifics before its full name)
    titles: frozenset[str]  # title words written before its full name ("president")
    suffix: str
    full_here: Counter  # article → mentions of its full names there
    articles: frozenset[str]  # articles that name it in full


def _people(index: Index, roots: set[str]) -> dict[str, _Person]:
    clusters, gaz = index.clusters, index.gaz
    out = {}
    for r in roots:
        sexes, titles, full_here, suffix = Counter(), set(), Counter(), ""
        for k in clusters.members[r]:
            if " " not in k or k.startswith("@"):
                continue
            p = person_name(best_form(index.forms[k]))
            if p is not None:
                suffix = suffix or p.suffix
                if p.given and gaz.given_sex.get(p.given[0]) and not any(KOREAN.search(f) for f in index.forms[k]):
                    sexes[gaz.given_sex[p.given[0]]] += len(index.mentions_of[k])
            for m in index.mentions_of[k]:
                full_here[m.article] += 1
                t = title_before(index.articles[m.article].text, m.start) if m.article in index.articles else ()
                titles.update(w for w in t if w not in HONORIFIC_SEX)
                if sex_of_title(t):
                    sexes[sex_of_title(t)] += 1
        sex = ""
        if sexes:
            (top, n), *rest = sexes.most_common()
            if not rest or n >= 3 * rest[0][1]:
                sex = top
        out[r] = _Person(sex, frozenset(titles), suffix, full_here, frozenset(full_here))
    return out


def surnames(index: Index) -> None:
    """surname — a surname alone or after an honorific or title ("Trump", "Mr. Trump", "President
    Trump", "Lopez Obrador", "von der Leyen") is the person of that surname most prominent in the
    article, else in the dossier. Prominent: named most often in full in the article (and, for a
    surname alone, given most of the article's titled mentions), else named in full in the most
    articles. The honorific's sex must agree ("Mr. Trump" is not "Melania Trump"); a title that
    one candidate carries elsewhere picks it ("President Trump"); a name with a suffix ("Donald
    Trump Jr.") is chosen only when no one of that surname without one is a candidate. When two
    people are comparably prominent (less than twice as often) the mention is left out: a wrong
    link is worse than a missing one. A transliterated spelling of the surname ("Zelensky" for
    "Volodymyr Zelenskiy") is matched to the only such person (fuzzy)."""
    clusters, unions = index.clusters, index.unions
    pending = []
    for i, m, k, r, ntok in clusters.open_mentions(index):
        not_person = clusters.ctype[r] in ("place", "organization")
        cands = clusters.surname_candidates(k, r, ntok)
        if not cands:
            if ntok == 1 and len(k) >= 5 and not not_person:
                variants = clusters.folded_surname.get(fold_spelling(k), set()) - {r}
                if variants:
                    c, where = clusters.the_one(variants, m.article)
                    if c is not None and unions.can_union(c, k):
                        index.placed[i] = Placement(c, "surname", f"{m.text} is a spelling of the surname of the only such person {where}", True)
                    index.settled.add(i)
            continue
        if not_person and m.evidence_kind != Evidence.TITLE:
            continue
        text = index.articles[m.article].text if m.article in index.articles else ""
        if m.unconfirmed and _opens_sentence(text, m.start) and not _SAYS.match(text, m.end) \
                and not any(m.article in clusters.root_articles[c] for c in cands):
            index.dropped.add(i)  # "Bush fires burned": a common word opening a sentence, no person of that name here
            index.settled.add(i)
            continue
        pending.append((i, m, k, cands, title_before(text, m.start)))
    if not pending:
        return
    people = _people(index, {c for *_, cands, _ in pending for c in cands})
    titled_here: Counter = Counter()  # (root, article) → titled mentions placed there
    # Titled mentions first: their honorific or title says more; then the bare surnames, which
    # also count the titled mentions of the article.
    for titled in (True, False):
        for i, m, k, cands, title in pending:
            if bool(title) != titled:
                continue
            c, why = _most_prominent(cands, m.article, title, people, titled_here)
            if c is not None and unions.can_union(c, k):  # else blocked by curation: an entity of its own
                index.placed[i] = Placement(c, "surname", f"{best_form(index.forms[k])}: {why}", False)
                if titled:
                    titled_here[(c, m.article)] += 1
            elif c is None:
                index.dropped.add(i)
            index.settled.add(i)


# A verb of saying or an auxiliary after a surname: "Rice said", "Brown has".
_SAYS = re.compile(r"(?:['’]s)?,?\s+(?:said|says|told|added|wrote|tweeted|asked|has|had|is|was|will|would|did|does|"
                   r"also|later|then|replied|insisted|noted|argued|who)\b")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?:\n—"


def _most_prominent(cands, article, title, people, titled_here) -> tuple[str | None, str]:
    pool = set(cands)
    plain = {c for c in pool if not people[c].suffix}
    if plain:
        pool = plain  # "Trump" is not "Donald Trump Jr."
    sex = sex_of_title(title)
    if sex:
        pool = {c for c in pool if people[c].sex in ("", sex)}
    offices = set(title) - set(HONORIFIC_SEX)
    if offices:
        carrying = {c for c in pool if people[c].titles & offices}
        if carrying:
            pool = carrying
    if not pool:
        return None, ""
    here = {c: people[c].full_here[article] + (0 if title else titled_here[(c, article)]) for c in pool}
    here = {c: n for c, n in here.items() if n}
    if here:
        ranked = sorted(here.items(), key=lambda x: (-x[1], x[0]))
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0], "the person of that name most prominent in the article"
        # Named alike here: a relative or namesake named once in the dossier ("father Kim Jong-il")
        # beside a person named in four times as many articles does not make the surname ambiguous.
        close = [c for c, n in ranked if 2 * n > ranked[0][1]]
        by_articles = sorted(((c, len(people[c].articles)) for c in close), key=lambda x: (-x[1], x[0]))
        if by_articles[0][1] >= 4 * by_articles[1][1]:
            return by_articles[0][0], "of the people of that name in the article, the one most prominent in the dossier"
        return None, ""
    ranked = sorted(((c, len(people[c].articles)) for c in pool), key=lambda x: (-x[1], x[0]))
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0], ("the only person of that name in the dossier" if len(ranked) == 1
                              else "the person of that name most prominent in the dossier")
    return None, ""


def family_names(index: Index) -> None:
    """family name — a name written family name first: "Xi" is "Xi Jinping" when "Xi" is not a
    known given name and that is the only such person (fuzzy)."""
    clusters, gaz = index.clusters, index.gaz
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if (ntok == 1 and k in clusters.family_first and k not in gaz.given_names and len(k) >= 2
                and clusters.ctype[r] not in ("place", "organization") and k not in clusters.full_person
                and k not in clusters.name_like):  # so no surname rule applied either
            c, where = clusters.the_one(clusters.family_first[k] - {r}, m.article)
            if c is not None:
                if index.unions.can_union(c, k):
                    index.placed[i] = Placement(c, "family name", f"{m.text} is the family name, written first, of the only such person {where}", True)
                index.settled.add(i)


def given_names(index: Index) -> None:
    """given name — a given name alone is the one person of that given name named in full in the
    same article: after a title ("Russian President Vladimir"), in a quotation ("Maria and I",
    "Tomas, welcome back") (fuzzy). After a title and with two such people it is left out; without
    a title it then stays a name of its own, unless the dossier names two or more people of that
    given name and none in its article ("Maria," in a toast, with Maria Lopez, Maria Silva
    and Maria Chen in the dossier): it could be any of them, and is left out."""
    clusters = index.clusters
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if ntok != 1 or k not in index.gaz.given_names:
            continue
        titled = m.evidence_kind == Evidence.TITLE
        if not titled and (clusters.ctype[r] in ("place", "organization") or k in clusters.full_person):
            continue
        here = {c for c in clusters.given_index.get(k, ()) if m.article in clusters.root_articles[c] and c != r}
        if len(here) == 1:
            c = here.pop()
            if index.unions.can_union(c, k):
                index.placed[i] = Placement(c, "given name", f"the one person with given name {m.text} in {m.article}", True)
        elif titled or (not here and len(clusters.given_index.get(k, set()) - {r}) >= 2):
            index.dropped.add(i)
        index.settled.add(i)
