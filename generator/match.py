"""Finding the same fact in other words: the passages of a source that most likely report a topic or event (pure).

Independent outlets report a fact in their own words, so near-copy alignment finds nothing.
Each topic or event becomes a weighted profile of its own words (title, summary, what each
side said, the event's text, and every verified quote of it), and each sentence of every
source is scored against every profile:

- words are folded (case, spelling, typography), stemmed (Snowball) and stripped of
  function words; number words become digits, so "thirty" meets "30"; a percentage is one
  term with its number ("15%" meets "15 per cent", not "25 per cent");
- a demonym also counts as its place, where the story's text names that place; a word of a
  sentence counts for an item's word whose general word vector is close (see `related`);
- each word weighs by its rarity among all the story's sentences (inverse document
  frequency) and by how few of the story's subjects use it (SPREAD; a topic with its own
  events is one subject); a word every topic shares says little about which one a sentence
  reports (`_distinct`, weighing a word by how much it is one subject's own, was measured
  and is off: DISTINCT). In a topic's title and summary, rarity counts on the sentence's side
  only (DEFINITION_RARITY): a short definition's length is otherwise mostly its rarest word
  ("a *single* rate"), which the reports of it need not use;
- words near each other (WINDOW apart at most, in either order: "prime minister", "talks
  ... deal") pair into terms too, so a shared phrase outweighs the same words scattered;
- terms of an item that no sentence of the story has are left out: they could only dilute;
- the score is a cosine with pivoted length normalisation, computed for every sentence and
  every item at once as a sparse matrix product; an item scores its best text. A sentence
  carries CONTEXT of its neighbours in the same paragraph ("The deal was struck on Sunday.
  It sets a 15% rate.").

A sentence is a *likely* match for a topic when it scores at least LIKELY and at least
RELATIVE of the best score in that sentence of any other topic or any event not of that
topic (`Scores.rivals`: a sentence is counted for the topics it is most about, not for every
topic that shares a word with it); for an event, at least EVENT_RELATIVE of the best score
of any item. A topic's *own* terms are the words of its title and summary that no sibling's
title or summary has (names in a summary aside: `_own`): a sentence whose own-term part of
the score reaches RESCUE *names* the topic and counts for it whatever else it is about
("bread, milk and cheese"), and a sentence with none of a topic's own terms
that names another topic does not count for it on shared words alone (`topic_share`).
Deterministic; nothing is downloaded at run time. Only a suggestion: nothing here is shown
to readers as a fact (see `coverage`).
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

import snowballstemmer

from generator import related
from generator.model import Article, Block, BlockKind, Event, Story, Topic
from generator.sentence import spans as sentences
from generator.text import fold_word, normalize_typography, words

LIKELY = 0.1  # cosine at or above which a sentence may be a likely match (chosen by leave-one-article-out)
RELATIVE = 0.7  # ...and at least this share of the best rival score in that sentence (see `rivals`; chosen likewise)
PIVOT = 0.3  # pivoted length normalisation of sentences (0: none, 1: plain cosine)
SPREAD = 1.0  # how strongly a term shared by many subjects is discounted (round 1: 2)
EVENT_RELATIVE = (
    0.4  # an event: at least this share of the best score of any item in that sentence (not tuned: no labels)
)
SIMILAR = 0.8  # word vectors at least this close relate a sentence's word to an item's (1: exact words only)
SHARPNESS = 1.0  # a related word counts for the item's word at (cosine ** SHARPNESS) of its weight
WINDOW = 3  # words near each other (at most this many apart) pair into a term of their own
UNITS = 1.0  # a percentage is one term with its number (0: the number alone)
RIVAL_EVENTS = True  # a topic's share is of the best topic or of any event not of it (False: the best topic)
DISTINCT = 0.0  # >0: a term weighs by how much more an item's subject uses it than all subjects do (see _distinct)
SMOOTH = 30.0  # ...a subject's term counts smoothed towards all subjects' by this many terms (short profiles)
OWN = True  # a topic's own terms: words of its title and summary that no other topic's title or summary has
DEFINITION_RARITY = 0.0  # a topic's title and summary weigh each term by its rarity to this power (1: as other texts)
CONTEXT = 0.5  # a sentence's neighbours in its paragraph add this share of their terms to it (chosen by leave-one-out)
RESCUE = 0.07  # a sentence whose score for a topic from its own terms alone reaches this names it (`topic_share`)
SHOWN = 3  # passages listed per item and source
FLOOR = 0.05  # candidates scoring less are not listed at all
PRUNE = 0.05  # item terms whose spread weight is below this are dropped: they tell no item apart
_FIELDS = (("title", 1.0), ("said", 1.0), ("summary", 1.0), ("text", 1.0), ("quote", 1.0), ("event", 1.0))

# Function words: they carry no fact. Short and generic on purpose.
_STOP_WORDS = (
    "a about above after again against all also am an and any are as at be because been before being below "
    "between both but by can could did do does doing down during each few for from further had has have having "
    "he her here hers herself him himself his how i if in into is it its itself just me more most my myself no "
    "nor not now of off on once only or other our ours ourselves out over own same she should so some such than "
    "that the their theirs them themselves then there these they this those through to too under until up very "
    "was we were what when where which while who whom why will with would you your yours yourself yourselves "
    "said says say told tell according it's however may might must shall"
)
_STOP = frozenset(_STOP_WORDS.split())
_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "ninety": "90",
    "hundred": "100",
    "thousand": "1000",
}
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(folded: str) -> str:
    return str(_STEMMER.stemWord(folded))


# A demonym meets its place: "Canadian" and "Canada", "European" and "Europe".
_DEMONYM = re.compile(r"(?:ian|ean|an)s?$")


@lru_cache(maxsize=65536)
def _term(word: str) -> tuple[str, ...]:
    """A word's terms: usually one stem; none for a function word.

    A demonym ("Canadian", "Kenyan") also gives the stems its place may have, marked
    with PLACE ("~canada", "~kenya"): `resolve` keeps those the story's text really uses.
    """
    folded = fold_word(word)
    if folded in _STOP or not folded:
        return ()
    if folded in _NUMBERS:
        return (_NUMBERS[folded],)
    if folded.isdigit():
        return (folded,)
    stem = _stem(folded)
    if len(stem) < 2:
        return ()
    if word[:1].isupper() and len(folded) > 5 and _DEMONYM.search(folded):
        base = folded[:-1] if folded.endswith("s") else folded
        root = base[:-3] if base.endswith(("ian", "ean")) else base[:-2]
        places = {_stem(root), _stem(root + "e"), _stem(root + "a"), _stem(root + "ia"), _stem(root + "y")}
        return (stem, *(PLACE + p for p in sorted(places - {stem}) if len(p) > 2))
    return (stem,)


PLACE = "~"


# A number with its unit is one term: "15%", "15 per cent" and "15 percent" are "15pct", which
# "25 per cent" does not share (nor "per" and "cent" with every other rate).
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)


def terms(text: str) -> list[str]:
    """The content terms of `text`: stems and numbers, then each adjacent pair of words as "a_b".

    Place stems of demonyms come marked (see `_term`) and pair with nothing.
    """
    return list(_terms(text, UNITS, WINDOW))


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """`generator.text.words`, once per text: a sentence's terms and its forms (`forms`) are both made of them."""
    return tuple(words(text))


@lru_cache(maxsize=65536)
def _terms(text: str, units: float, window: int) -> tuple[str, ...]:
    """`terms`, once per text (a republished paragraph, a title used as a topic's own words)."""
    if units:
        text = _PERCENT.sub(lambda m: m.group(1).replace(",", "p").replace(".", "p") + "pct", text)
    per_word = [t for t in (_term(w) for w in _words(text)) if t]
    stems = [t[0] for t in per_word]
    places = [p for t in per_word for p in t[1:]]
    pairs = [
        a + "_" + b if a < b else b + "_" + a  # unordered: "a_b" either way round
        for i, a in enumerate(stems)
        for b in stems[i + 1 : i + 1 + window]
        if a != b
    ]
    return (*stems, *places, *pairs)


_marked = operator.methodcaller("startswith", PLACE)


def resolve(bag: Counter[str], known: frozenset[str]) -> Counter[str]:
    """`bag` with each demonym's marked place stems kept (unmarked) when `known` uses them, else dropped."""
    if not any(map(_marked, bag)):
        return bag
    out: Counter[str] = Counter()
    for t, c in bag.items():
        if not t.startswith(PLACE):
            out[t] += c
        elif t[1:] in known:
            out[t[1:]] += c
    return out


@dataclass(frozen=True)
class Passage:
    """One sentence of a source, where to find it, and its terms."""

    source: str
    block: Block
    label: str  # "¶3": how readers find the paragraph
    quote: str  # the sentence exactly as in the article
    terms: Counter[str]


class Match(NamedTuple):
    """One candidate passage for an item. Immutable; a named tuple rather than a frozen dataclass
    because `suggest` makes one per candidate (170,000 on a story of 1,000 topics and 50 sources),
    and a frozen dataclass's constructor costs several times a tuple's."""

    item: str  # topic or event id
    source: str  # source id
    anchor: str  # paragraph anchor
    paragraph: str  # "¶3"
    line: int  # line in the article file
    quote: str  # exact sentence, passes the quote check
    score: float  # 0..1, 3 decimals
    likely: bool


def labels(article: Article) -> dict[str, str]:
    """Each block's reader-facing number: "¶5" the fifth paragraph, "§2" the second heading."""
    counts = {BlockKind.PARAGRAPH: 0, BlockKind.HEADING: 0}
    out: dict[str, str] = {}
    for block in article.blocks:
        counts[block.kind] += 1
        out[block.anchor] = ("¶" if block.kind is BlockKind.PARAGRAPH else "§") + str(counts[block.kind])
    return out


def passages(source_id: str, article: Article) -> list[Passage]:
    numbers = labels(article)
    out: list[Passage] = []
    for block in article.blocks:
        for start, end in sentences(block.text):
            quote = block.text[start:end].strip()
            found = Counter(terms(quote))
            if found:
                out.append(Passage(source_id, block, numbers[block.anchor], quote, found))
    return out


class Relations(NamedTuple):
    """Which events are of one topic alone, and each topic by id: looked up for every item's profile."""

    alone: dict[str, list[Event]]  # topic id -> its events that have no other topic
    topics: dict[str, Topic]

    @classmethod
    def of(cls, story: Story) -> Relations:
        alone: dict[str, list[Event]] = {}
        for e in story.events:
            if len(e.topics) == 1:
                alone.setdefault(e.topics[0], []).append(e)
        return cls(alone, {t.id: t for t in reversed(story.topics)})  # reversed: the first of an id wins


def profile_texts(item: Topic | Event, story: Story, relations: Relations | None = None) -> list[tuple[str, float]]:
    """The item's own words, each with its field's weight: every text is a unit of its own.

    `relations`: `Relations.of(story)`, made once when the profiles of many items are made."""
    weight = dict(_FIELDS)
    rel = relations or Relations.of(story)
    out: list[tuple[str, float]] = []
    if isinstance(item, Topic):
        out.append((item.title, weight["title"]))
        out.extend((item.summary[a:b], weight["summary"]) for a, b in sentences(item.summary))
        out.extend((said, weight["said"]) for _, said in item.positions)
        # an event of this topic alone: an event of several topics says as much about the others
        out.extend((e.text, weight["event"]) for e in rel.alone.get(item.id, ()))
    else:
        out.append((item.text, weight["text"]))
        for topic_id in item.topics:
            topic = rel.topics.get(topic_id)
            if topic is not None:
                out.append((topic.title, weight["event"]))
    out.extend((normalize_typography(e.quote), weight["quote"]) for e in item.evidence)
    return out


def _norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vec.values())) or 1.0


@dataclass(frozen=True)
class _Unit:
    item: int  # index into the items
    weight: float
    vec: dict[str, float]
    norm: float


def _idf(pool: Sequence[Passage]) -> dict[str, float]:
    """Rarity of each term among all the story's sentences (a term no sentence has cannot match: absent)."""
    df: Counter[str] = Counter()
    for p in pool:
        df.update(p.terms.keys())
    n = len(pool) + 1
    return {t: math.log(1 + n / (c + 1)) for t, c in df.items()}


def _units(items: Sequence[Topic | Event], story: Story, idf: dict[str, float], known: frozenset[str]) -> list[_Unit]:
    """Each item's texts as weighted vectors; a term many subjects use weighs less (it tells them apart less).

    A subject is a topic with its own events: an event counts for the topics it belongs to (an
    event with no topic is a subject of its own), so a topic's key words are not discounted
    for being repeated by its own timeline.
    """
    raw: list[tuple[int, float, Counter[str], float]] = []  # (item, field weight, terms, power of rarity)
    subjects: dict[str, set[str]] = {}
    of_item: dict[int, set[str]] = {}
    own: dict[str, Counter[str]] = {}  # subject -> its terms, counted over all its texts
    relations = Relations.of(story)
    for i, item in enumerate(items):
        mine = set(item.topics) if isinstance(item, Event) and item.topics else {item.id}
        of_item[i] = mine
        defined = (
            {item.title, *(item.summary[a:b] for a, b in sentences(item.summary))} if isinstance(item, Topic) else set()
        )
        for text, weight in profile_texts(item, story, relations):
            bag = resolve(Counter(terms(text)), known)
            if bag:
                raw.append((i, weight, bag, DEFINITION_RARITY if text in defined else 1.0))
                if SPREAD > 0:
                    for t in bag:
                        subjects.setdefault(t, set()).update(mine)
                if DISTINCT > 0:  # only `_distinct` reads each subject's terms
                    for k in mine:
                        own.setdefault(k, Counter()).update(bag)
    m = len({k for s in subjects.values() for k in s}) + 1
    spread: Mapping[str, float] = defaultdict(
        lambda: 1.0, {t: (math.log(1 + m / len(s)) / math.log(1 + m)) ** SPREAD for t, s in subjects.items()}
    )
    distinct = _distinct(own) if DISTINCT > 0 and len(own) > 1 else {}
    units = []
    for i, weight, bag, rarity in raw:
        whose = sorted(of_item[i])
        factor: Mapping[str, float]
        if not distinct:
            factor = spread
        elif len(whose) == 1:  # most items: one subject
            ours = distinct[whose[0]]
            factor = {t: spread[t] * ours[t] for t in bag}
        else:  # an event of several topics: its words are as much its own as any of its topics' are
            factor = {t: spread[t] * max(distinct[k].get(t, 0.0) for k in whose) for t in bag}
        vec: dict[str, float] = {}
        for t, c in bag.items():
            f = factor[t]
            if f >= PRUNE and t in idf:
                vec[t] = (1 + math.log(c)) * idf[t] ** rarity * f
        units.append(_Unit(i, weight, vec, _norm(vec)))
    return units


# A name in running text: a capitalised word, with the particles of a family name before it ("van der Berg")
_NAME = re.compile(r"(?<![\w-])(?:(?:von|van|der|den|de|du|da|di|del|la|le|al|bin|ibn)\s+)*[A-Z][\w'’.-]*")


def _unnamed(sentence: str) -> str:
    """`sentence` less the names in it (its first word is not one for being capitalised)."""
    first = re.match(r"\s*\S+", sentence)
    cut = first.end() if first else 0
    return sentence[:cut] + _NAME.sub(" ", sentence[cut:])


def _own(items: Sequence[Topic | Event], known: frozenset[str]) -> dict[int, frozenset[str]]:
    """Each topic's own terms: those of its title and summary that no other topic's title or summary has.

    The editor names a topic in its title and defines it in its summary: a word found there and
    in no sibling's says which topic a sentence names, even in a sentence that names several.
    Names in a summary are left out ("van der Berg said", "the Council", "24 September"): they
    say who, where and when, which a story's topics share in practice whether their summaries
    say so or not; a title is kept whole (it is the topic's name).
    """
    defined: dict[int, set[str]] = {}
    for i, item in enumerate(items):
        if isinstance(item, Topic):
            texts = [item.title, *(_unnamed(item.summary[a:b]) for a, b in sentences(item.summary))] if OWN else []
            defined[i] = {t for text in texts for t in resolve(Counter(terms(text)), known)}
    seen: Counter[str] = Counter(t for ts in defined.values() for t in ts)
    return {i: frozenset(t for t in ts if seen[t] == 1) for i, ts in defined.items()}


def _distinct(own: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """How much each term is a subject's own: (r / (1 + r)) ** DISTINCT, r the ratio of its frequency in the
    subject's texts (smoothed towards all subjects' by SMOOTH terms) to its frequency in all subjects' texts.
    A name every topic's quotes repeat has r near 1 everywhere; "harbour" in its own topic, many
    times 1. Not a discount of shared words: a word two topics share counts for the one that uses it most."""
    pooled: Counter[str] = Counter()
    for bag in own.values():
        pooled.update(bag)
    total = sum(pooled.values())
    out: dict[str, dict[str, float]] = {}
    for k, bag in own.items():
        size = sum(bag.values()) + SMOOTH
        mine = out[k] = {}
        for t, c in bag.items():
            p = pooled[t] / total
            r = (c / p + SMOOTH) / size  # ((c + SMOOTH * p) / size) / p
            mine[t] = (r / (1 + r)) ** DISTINCT
    return out


DENSE_CELLS = 4_000_000  # a matrix up to this size is a plain array (32 MB): no need to load scipy


def _matrix(rows: list[int], cols: list[int], vals: list[float], shape: tuple[int, int], dense: bool) -> Any:
    """The matrix with `vals` at (`rows`, `cols`), each place given once: a plain numpy array for
    a small story (loading scipy would cost more than all its scoring), else scipy's sparse
    matrix (a thousand topics and fifty articles would need gigabytes)."""
    import numpy as np

    if dense:
        out = np.zeros(shape)
        out[rows, cols] = vals
        return out
    from scipy import sparse

    return sparse.csr_matrix((vals, (rows, cols)), shape=shape)


@dataclass(frozen=True)
class Scores:
    """Every sentence of each scored source against every item: what `suggest` ranks and marks."""

    pool: list[Passage]  # every sentence of every source
    items: tuple[Topic | Event, ...]  # the story's items
    scored: Any  # indices into `items` of the items that have a profile (columns below)
    is_topic: Any  # per column: a topic (else an event)
    by_source: dict[
        str, tuple[list[int], Any]
    ]  # source id -> (its paragraph sentences in `pool`, sentence x column scores)
    # source id -> sentence x column: the part of each topic's score that its own terms make (see `_own`)
    own: dict[str, Any] = field(default_factory=dict)

    def likely(
        self, per_item: Any, likely: float = LIKELY, relative: float = RELATIVE, own: Any = None, rescue: float = RESCUE
    ) -> Any:
        """Which scores of `per_item` (one source's) are likely matches.

        A sentence counts for the topics it is most about (an event of a topic does not crowd
        the topic out), and for an event only if it is about as much about that event as about
        anything: an event is one occurrence, and a sentence on its topic need not report it.
        With `own` (that source's part of each score made by each topic's own terms), a sentence
        also counts for each topic it names, whatever else it is about ("bread, milk and
        cheese"), and not for a topic it shares only common words with while it names
        another (see `topic_share`).
        """
        import numpy as np

        top_any = per_item.max(axis=1, keepdims=True, initial=0.0)
        rivals = self.rivals(per_item)
        if own is None:
            mine = per_item >= relative * rivals
        else:
            named = self.is_topic & (own >= rescue)
            others = named.sum(axis=1, keepdims=True) - named > 0
            mine = topic_share(per_item, rivals, own, others, relative, rescue)
        share = np.where(self.is_topic, mine, per_item >= EVENT_RELATIVE * top_any)
        return (per_item >= likely) & share

    def rivals(self, per_item: Any) -> Any:
        """Per sentence and topic column, the best score of what the sentence might be about: any topic
        (itself included) and, with RIVAL_EVENTS, any event not of that topic (its own events do not compete)."""
        import numpy as np

        top_topic = per_item[:, self.is_topic].max(axis=1, keepdims=True, initial=0.0)
        out = np.repeat(top_topic, per_item.shape[1], axis=1)
        if not RIVAL_EVENTS or self.is_topic.all() or not self.is_topic.any() or not per_item.shape[0]:
            return out
        events = np.flatnonzero(~self.is_topic)
        owned = self._owned  # topic column x event: the event is of the topic
        # each sentence's best events, enough of them that one is not of any given topic
        n = min(int(owned.sum(axis=1).max()) + 1, len(events))
        best = np.argsort(-per_item[:, events], axis=1, kind="stable")[:, :n]  # sentence x rank -> event
        values = np.take_along_axis(per_item[:, events], best, axis=1)
        mine = owned[:, best]  # topic column x sentence x rank
        first = np.argmax(~mine, axis=2)  # the best event not of the topic...
        found = np.take_along_axis(~mine, first[..., None], axis=2)[..., 0]  # ...if there is one
        rival = np.where(found, values[np.arange(len(best))[None, :], first], 0.0)  # topic column x sentence
        topics = np.flatnonzero(self.is_topic)
        out[:, topics] = np.maximum(out[:, topics], rival.T)
        return out

    @cached_property
    def _owned(self) -> Any:
        import numpy as np

        events = np.flatnonzero(~self.is_topic)
        topics = np.flatnonzero(self.is_topic)
        where = {self.items[self.scored[k]].id: row for row, k in enumerate(topics)}
        owned = np.zeros((len(topics), len(events)), dtype=bool)
        for col, e in enumerate(events):
            for topic in self.items[self.scored[e]].topics:
                if topic in where:
                    owned[where[topic], col] = True
        return owned


def topic_share(score: Any, rival: Any, own: Any, others_named: Any, relative: float, rescue: float) -> Any:
    """Whether a sentence is enough about a topic, elementwise (the threshold LIKELY aside).

    A sentence that names the topic (its own terms alone score `rescue` or more) is; so is one
    scoring at least `relative` of its best rival (`rivals`), unless it has none of the topic's
    own terms while it names another topic: then the words it shares with this topic are
    explained by the one it names ("the same rate applying to cars" is not about chips).
    """
    return (own >= rescue) | ((score >= relative * rival) & ~((own <= 0) & others_named))


def forms(texts: Iterable[str]) -> dict[str, set[str]]:
    """Each single-word stem of `texts` with the folded words that gave it (numbers left out)."""
    out: dict[str, set[str]] = {}
    for w in {w for text in set(texts) for w in _words(text)}:
        found = _form(w)
        if found:
            out.setdefault(found[0], set()).add(found[1])
    return out


@lru_cache(maxsize=65536)
def _form(word: str) -> tuple[str, str] | None:
    t = _term(word)
    return (t[0], fold_word(word)) if t and not t[0].isdigit() else None


def score(story: Story, sources: Iterable[str] | None = None) -> Scores:
    """Scores of every paragraph sentence of each source (all, or those of `sources`) against every item."""
    import numpy as np  # imported here: only the commands that match pay for loading them

    pool = [p for s in story.sources for p in passages(s.id, s.article)]
    everything = story.items()
    known = frozenset(t for p in pool for t in p.terms if "_" not in t and not t.startswith(PLACE))
    pool = [p if (bag := resolve(p.terms, known)) is p.terms else replace(p, terms=bag) for p in pool]
    idf = _idf(pool)
    units = _units(everything, story, idf, known)
    own_terms = _own(everything, known)
    if not pool or not units:
        return Scores(pool, everything, np.zeros(0, dtype=int), np.zeros(0, dtype=bool), {})

    # Every unit as a column of a term x unit matrix, scaled so that a sentence's row times it
    # is the unit's score (cosine, weighted by the unit's field).
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    own_at: list[int] = []  # the places above whose term is its topic's own
    for k, u in enumerate(units):
        scale = u.weight / u.norm
        ours = own_terms.get(u.item, frozenset())
        for t, w in u.vec.items():
            if t in ours:
                own_at.append(len(rows))
            rows.append(vocabulary.setdefault(t, len(vocabulary)))
            cols.append(k)
            vals.append(w * scale)
    dense = len(vocabulary) * max(len(units), len(pool)) <= DENSE_CELLS  # both products' operands alike
    by_term = _matrix(rows, cols, vals, (len(vocabulary), len(units)), dense)
    by_own = (
        _matrix([rows[j] for j in own_at], [cols[j] for j in own_at], [vals[j] for j in own_at], by_term.shape, dense)
        if own_at
        else None
    )
    unit_item = np.array([u.item for u in units])
    starts = np.flatnonzero(np.r_[True, unit_item[1:] != unit_item[:-1]])  # units come grouped by item
    scored_items = unit_item[starts]
    is_topic = np.array([isinstance(everything[i], Topic) for i in scored_items], dtype=bool)
    near = _near(pool, everything, story, vocabulary)

    want = set(sources) if sources is not None else None
    vectors = [{t: (1 + math.log(c)) * idf[t] for t, c in p.terms.items()} for p in pool]
    norms = [_norm(v) for v in vectors]
    pivot = sum(norms) / len(norms)
    # Each source's sentences; headings count for rarity only: a heading is a label, not a report.
    mine_of: dict[str, list[int]] = {}
    for n, p in enumerate(pool):
        if p.block.kind is BlockKind.PARAGRAPH:
            mine_of.setdefault(p.source, []).append(n)
    out: dict[str, tuple[list[int], Any]] = {}
    own: dict[str, Any] = {}
    for source in story.sources:
        mine = mine_of.get(source.id, [])
        if (want is not None and source.id not in want) or not mine:
            continue
        rows, cols, vals = [], [], []
        for r, n in enumerate(mine):
            norm = (1 - PIVOT) * pivot + PIVOT * norms[n]  # long sentences are not punished in full for their length
            row: dict[int, float] = {}
            for t, w in vectors[n].items():
                for c, f in near.get(t, ()):  # a related word counts for the item's word, at its similarity
                    row[c] = max(row.get(c, 0.0), w * f)
            for t, w in vectors[n].items():
                if t in vocabulary:
                    row[vocabulary[t]] = max(row.get(vocabulary[t], 0.0), w)
            rows.extend([r] * len(row))
            cols.extend(row)
            vals.extend(v / norm for v in row.values())
        sentence_terms = _matrix(rows, cols, vals, (len(mine), len(vocabulary)), dense)
        if CONTEXT > 0:  # each sentence with a share of its neighbours in the paragraph: a fact may span two
            block = [pool[n].block.anchor for n in mine]
            pairs = [(r, r + 1) for r in range(len(mine) - 1) if block[r] == block[r + 1]]
            if pairs:
                a, b = [x for x, _ in pairs], [y for _, y in pairs]
                around = _matrix(a + b, b + a, [CONTEXT] * (2 * len(pairs)), (len(mine), len(mine)), dense)
                sentence_terms = sentence_terms + around @ sentence_terms
        per_unit = sentence_terms @ by_term
        per_unit = per_unit if isinstance(per_unit, np.ndarray) else per_unit.toarray()
        out[source.id] = (mine, np.maximum.reduceat(per_unit, starts, axis=1))  # an item scores its best unit
        if by_own is not None:
            own_unit = sentence_terms @ by_own
            own_unit = own_unit if isinstance(own_unit, np.ndarray) else own_unit.toarray()
            own[source.id] = np.maximum.reduceat(own_unit, starts, axis=1)
    return Scores(pool, everything, scored_items, is_topic, out, own)


def _near(
    pool: Sequence[Passage], items: Sequence[Topic | Event], story: Story, vocabulary: dict[str, int]
) -> dict[str, list[tuple[int, float]]]:
    """Each sentence stem's related item stems (columns of `vocabulary`) at SIMILAR or more, with their factor."""
    if SIMILAR >= 1.0:
        return {}
    relations = Relations.of(story)
    item_forms = forms(text for item in items for text, _ in profile_texts(item, story, relations))
    wanted = {s: f for s, f in item_forms.items() if s in vocabulary}
    pool_forms = forms(p.quote for p in pool)
    related_ = related.neighbours(pool_forms, wanted, SIMILAR)
    return {s: [(vocabulary[t], sim**SHARPNESS) for t, sim in near] for s, near in related_.items()}


def suggest(
    story: Story, sources: Iterable[str] | None = None, items: Iterable[str] | None = None
) -> tuple[Match, ...]:
    """For every item and every source not citing it, the best passages (SHOWN at most), best first.

    `sources` and `items` restrict the output (ids); the scores do not depend on them.
    Sources an editor marked absent for an item are skipped for it.
    """
    import numpy as np

    scores = score(story, sources)
    everything = scores.items
    pool = scores.pool
    want_items = set(items) if items is not None else None
    skip: set[tuple[str, str]] = set()
    for item in everything:
        skip.update((item.id, e.source) for e in item.evidence)
        skip.update((item.id, a.source) for a in item.absent)
    found: list[tuple[Any, ...]] = []  # per source, arrays: (item, source order, passage, score, likely)
    for order, source in enumerate(story.sources):
        if source.id not in scores.by_source:
            continue
        mine, per_item = scores.by_source[source.id]
        allowed = np.array(
            [
                k
                for k, i in enumerate(scores.scored)
                if (everything[i].id, source.id) not in skip and (want_items is None or everything[i].id in want_items)
            ],
            dtype=int,
        )
        if not len(allowed):
            continue
        likely = scores.likely(per_item, own=scores.own.get(source.id))
        # Rank within each item: likely first, then by score; ties keep the article's order.
        key = np.where(per_item >= FLOOR, per_item + likely * 1000.0, -1.0)[:, allowed]
        best = np.argsort(-key, axis=0, kind="stable")[:SHOWN]  # rank x allowed column -> sentence
        rank, col = np.nonzero(np.take_along_axis(key, best, axis=0) >= 0)
        row, k = best[rank, col], allowed[col]
        found.append(
            (
                scores.scored[k],
                np.full(len(k), order),
                np.asarray(mine)[row],
                per_item[row, k],
                likely[row, k],
            )
        )
    if not found:
        return ()
    item_of, order_of, passage_of, value_of, likely_of = (np.concatenate(column) for column in zip(*found, strict=True))
    # by item, then source, likely first, best first, then the article's order
    sort = np.lexsort((passage_of, -value_of, ~likely_of, order_of, item_of))
    item_ids = [i.id for i in everything]
    source_ids = [x.id for x in story.sources]
    where = {
        n: (pool[n].block.anchor, pool[n].label, pool[n].block.line, pool[n].quote) for n in set(passage_of.tolist())
    }
    return tuple(
        Match(item_ids[i], source_ids[order], *where[n], round(value, 3), is_likely)
        for i, order, n, value, is_likely in zip(
            *(a[sort].tolist() for a in (item_of, order_of, passage_of, value_of, likely_of)), strict=True
        )
    )
