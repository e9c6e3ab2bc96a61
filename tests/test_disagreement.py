"""Where the sources disagree: facts per pattern, differences that must and must not be reported."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.disagreement import Difference, Passage, differences, facts

TUE, WED = date(2025, 3, 18), date(2025, 3, 19)

DEMAND = Passage(
    "inquirer-report",
    "p-1",
    "But he raised concerns that a temporary ceasefire might allow Ukraine to rearm and mobilize more soldiers, "
    "and doubled down on his demand that any resolution required an end to all military and intelligence "
    "assistance to Ukraine, according to a Kremlin statement.",
    WED,
)
NOT_UP = Passage("inquirer-report", "p-2", "Trump said aid to Ukraine did not come up in the conversation.", WED)
AT_ONCE = Passage(
    "afp", "p-3", '"These negotiations will begin immediately in the Middle East," said the White House readout.', WED
)
SUNDAY = Passage(
    "inquirer-report",
    "p-4",
    "It was unclear whether Ukraine would be involved in those talks, which Trump envoy Steve Witkoff said will "
    "take place in Jeddah, Saudi Arabia, on Sunday.",
    WED,
)
CONFIRMED = Passage(
    "greek-herald",
    "p-5",
    "The White House confirmed that the two leaders discussed an \u201cenergy and infrastructure ceasefire\u201d and "
    "began talks on a \u201cmaritime ceasefire in the Black Sea, full ceasefire, and permanent peace.\u201d",
    None,
)
READOUT = Passage(
    "newsfinale",
    "p-6",
    "\u201cVladimir Putin responded positively to this initiative and immediately gave the Russian military a "
    "corresponding command\u201d to halt \u201cstrikes on energy infrastructure facilities,\u201d the Kremlin readout "
    "of the call said.",
    None,
)
SWAP_175 = Passage("afp", "p-7", "175 prisoners will be exchanged.", WED)
SWAP_150 = Passage("reuters", "p-8", "150 prisoners will be exchanged.", WED)


def aspects(found: tuple[Difference, ...]) -> list[str]:
    return [d.aspect for d in found]


def only(found: tuple[Difference, ...], aspect: str) -> Difference:
    matching = [d for d in found if d.aspect == aspect]
    assert len(matching) == 1, aspects(found)
    return matching[0]


def keyed(text: str, aspect: str, dated: date | None = WED) -> list[tuple[str, str]]:
    return [(f.key, f.words) for f in facts(text, dated) if f.aspect == aspect]


# --- facts(), one pattern at a time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In a 90-minute phone call, the leaders agreed.", [("PT90M", "90-minute")]),
        ("They talked for 90 minutes.", [("PT90M", "90 minutes")]),
        ("The leaders spoke for 1.5 hours.", [("PT90M", "1.5 hours")]),
        ("They spoke for an hour and a half.", [("PT90M", "an hour and a half")]),
        ("They spoke for half an hour.", [("PT30M", "half an hour")]),
        ("their more than 90-minute chat", [("PT90M", "more than 90-minute")]),
        ("agreed on a 30-day ceasefire on energy infrastructure", [("P30D", "30-day")]),
        ("a pause of 30 days", [("P30D", "30 days")]),
        ("Strikes were to stop for thirty days.", [("P30D", "thirty days")]),
        ("They would hold off firing for about a month.", [("P30D", "about a month")]),
        ("a month-long pause in attacks", [("P30D", "month-long")]),
        ("The truce lasted two weeks.", [("P14D", "two weeks")]),
        ("a twenty-one-day window", [("P21D", "twenty-one-day")]),
        ("A day after the call, drones struck.", []),
        ("Two days after the call, drones struck.", []),
        ("A 23-year-old man was hurt.", []),
        ("In recent days, talks stalled.", []),
    ],
)
def test_durations(text: str, expected: list[tuple[str, str]]) -> None:
    assert keyed(text, "duration") == expected


def test_duration_qualifiers_are_bounds() -> None:
    bounds = [f.bound for f in facts("more than 90 minutes, about a month, nearly two hours, 30 days", None)]
    assert bounds == ["more than", "about", "at most", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("175 prisoners will be exchanged", [("175 prisoner", "175 prisoners")]),
        ("Russia will also return 23 wounded Ukrainian soldiers.", [("23 soldier", "23 wounded Ukrainian soldiers")]),
        ("with 175 to be freed by each side, according to the Kremlin", []),
        ("More than 1,200 people fled; some 5 million people stayed.", [("1200 person", "More than 1,200 people")]),
        ("two dozen casualties", [("24 casualty", "two dozen casualties")]),
        ("In 2025 elections, 50 percent of voters and $5 billion in aid", []),
        ("On 19 March 2025, Zelenskyy spoke for 30 minutes.", []),
        ("Two days after the vote", []),
    ],
)
def test_counts(text: str, expected: list[tuple[str, str]]) -> None:
    assert keyed(text, "count")[: len(expected) or None] == expected


def test_count_scale_and_qualifier() -> None:
    found = [f for f in facts("some 5 million people", None) if f.aspect == "count"]
    assert [(f.key, f.words, f.bound) for f in found] == [("5000000 person", "some 5 million people", "about")]


@pytest.mark.parametrize(
    ("text", "dated", "expected"),
    [
        ("On 19 March 2025, Zelenskyy accused Russia.", None, [("2025-03-19", "19 March 2025")]),
        ("On March 19, Zelenskyy accused Russia.", WED, [("2025-03-19", "March 19")]),
        ("On March 19, Zelenskyy accused Russia.", None, [("--03-19", "March 19")]),
        ("Published 2025-03-19.", None, [("2025-03-19", "2025-03-19")]),
        ("Talks will take place in Jeddah on Sunday.", WED, [("2025-03-23", "on Sunday")]),
        ("Talks start next Wednesday.", WED, [("2025-03-26", "next Wednesday")]),
        ("On Tuesday, the leaders spoke.", WED, [("2025-03-18", "On Tuesday")]),
        # past, naming the day after publication: a time zone apart or six days before (issue 21)
        ("On Wednesday, Zelenskyy accused Russia.", TUE, [("ambiguous:2025-03-12|2025-03-19", "On Wednesday")]),
        ("Last Wednesday, they met.", WED, [("2025-03-12", "Last Wednesday")]),
        ("They last spoke on December 30.", date(2025, 1, 3), [("2024-12-30", "December 30")]),
        ("On Sunday, they met.", None, [("weekday:sunday", "On Sunday")]),
        ("Talks began today after yesterday's call; more tomorrow.", WED, [("2025-03-19", "today")]),
        ("Talks began today.", None, [("today", "today")]),
        ("Negotiations will begin immediately.", WED, [("immediately", "immediately")]),
        ("It was not immediately clear who would attend.", WED, []),
        ("Months of talks, 31 February and the 2025 season.", WED, []),
    ],
)
def test_dates(text: str, dated: date | None, expected: list[tuple[str, str]]) -> None:
    assert keyed(text, "date", dated)[: len(expected) or None] == expected


def test_relative_days_resolve_against_the_article_date() -> None:
    keys = [k for k, _ in keyed("Talks began today after yesterday's call; more tomorrow.", "date")]
    assert keys == ["2025-03-19", "2025-03-18", "2025-03-20"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin agreed, the Kremlin said.", [("kremlin", "the Kremlin said")]),
        ("Putin agreed, said the Kremlin.", [("kremlin", "said the Kremlin")]),
        ("Putin agreed, according to the Kremlin.", [("kremlin", "according to the Kremlin")]),
        ("Putin agreed, according to the Kremlin's readout.", [("kremlin", "according to the Kremlin's readout")]),
        ("Putin agreed, according to a Kremlin statement.", [("kremlin", "according to a Kremlin statement")]),
        ("A Kremlin statement said Putin agreed.", [("kremlin", "A Kremlin statement said")]),
        ("The White House said the call went well.", [("white house", "The White House said")]),
        ("Trump announced the deal.", [("trump", "Trump announced")]),
        ("In a post to Truth Social, Trump said the call went well.", [("trump", "Trump said")]),
        ("Witkoff told Fox News the talks would go on.", [("witkoff", "Witkoff told")]),
        ("But his spokesperson said there was no deal.", [("spokesperson", "his spokesperson said")]),
        ('"It went well," said the White House readout.', [("white house", "said the White House readout")]),
        ("the Kremlin readout of the call said", [("kremlin", "the Kremlin readout of the call said")]),
        ("U.S. officials said talks would go on.", [("us", "U.S. officials said")]),
        ("US officials said talks would go on.", [("us", "US officials said")]),
        ("He said Putin agreed. The leaders spoke for an hour.", []),
        ("Trump said Putin agreed, Trump said.", [("trump", "Trump said")]),
    ],
)
def test_attributions(text: str, expected: list[tuple[str, str]]) -> None:
    assert keyed(text, "attribution") == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Trump said aid to Ukraine did not come up in the conversation.", "did not come up"),
        ("Aid was not discussed.", "was not discussed"),
        ("The readout made no mention of aid.", "made no mention"),
        ("There was no mention of aid.", "no mention"),
        ("Neither leader mentioned aid.", "Neither leader mentioned"),
        ("Trump didn\u2019t mention aid.", "didn\u2019t mention"),
        ("The Kremlin declined to comment.", "declined to"),
        ("Kyiv rejected the plan.", "rejected"),
        ("Trump said aid came up.", None),
    ],
)
def test_polarity(text: str, words: str | None) -> None:
    assert keyed(text, "polarity") == ([("denied", words)] if words else [])


def test_words_are_as_written_after_folding_typography() -> None:
    text = "The\u00a0Kremlin\u2019s readout \u2013 a 90\u2011minute call \u2013 didn\u2019t mention aid."
    assert {f.words for f in facts(text, None)} >= {"90\u2011minute", "didn\u2019t mention"}


# --- differences(): must report ------------------------------------------------------------------------------


def test_kremlin_demand_vs_trump_denial_is_a_polarity_difference() -> None:
    found = only(differences([DEMAND, NOT_UP]), "polarity")
    assert "Kremlin statement" in found.summary and "Trump" in found.summary
    assert "did not come up" in found.summary
    assert [(p.anchor, [f.key for f in fs]) for p, fs in found.readings] == [("p-1", []), ("p-2", ["denied"])]


def test_immediately_vs_a_date_is_a_date_difference_but_not_vs_a_weekday() -> None:
    on_date = Passage("inquirer-report", "p-4", SUNDAY.text.replace("on Sunday", "on 23 March"), WED)
    found = only(differences([AT_ONCE, on_date]), "date")
    assert found.summary == (
        "Sources differ on the date: immediately (the White House readout) vs Sunday 23 March 2025 (Steve Witkoff)"
    )
    # "will begin ... on Sunday" reads as the future: the Sunday after publication, a date like any other
    assert only(differences([AT_ONCE, SUNDAY]), "date").summary == found.summary


def test_white_house_and_kremlin_on_different_facets_are_no_attribution_difference() -> None:
    # they differ on what the pause covers ("energy and infrastructure" vs "energy infrastructure"), not on who said it
    assert aspects(differences([CONFIRMED, READOUT])) == ["scope"]


def test_the_same_quoted_words_credited_to_different_speakers_differ() -> None:
    a = Passage("a", "p-1", '"The talks will begin in the Middle East very soon," the White House said.', WED)
    b = Passage("b", "p-2", '"The talks will begin in the Middle East very soon," Steve Witkoff said.', WED)
    found = differences([a, b])
    assert aspects(found) == ["attribution"]


def test_the_same_estimate_credited_to_different_speakers_differs() -> None:
    one = Passage("a", "p-1", "Before the talks, Kari Nordmann described the chances of a deal at 50 - 50.", None)
    both = Passage(
        "b", "p-2", "The two had spoken to reporters, agreeing that the likelihood of a deal was about 50-50.", None
    )
    same = Passage("c", "p-3", "Nordmann put the odds of a deal at fifty-fifty.", None)
    other = Passage("d", "p-4", "Ola Hansen described the chances of a deal at 70-30.", None)
    unsaid = Passage("e", "p-5", "The chances of a deal were 50-50.", None)
    found = only(differences([one, both]), "attribution")
    assert (
        found.summary
        == 'Sources differ on who said it (the estimate "50 - 50", "50-50"): Kari Nordmann (a) vs the two (b)'
    )
    assert differences([one, same]) == ()  # one speaker
    assert differences([both, other]) == ()  # another estimate
    assert differences([one, unsaid]) == ()  # no one holds it
    assert differences([Passage("a", "p-1", "The deal was split 50-50, Nordmann said.", None), both]) == ()  # no chance


def test_more_than_a_value_differs_from_that_value() -> None:
    found = differences(
        [
            Passage("afp", "p-1", "The two presidents discussed the war in their more than 90-minute chat.", WED),
            Passage("greek-herald", "p-2", "In a 90-minute phone call, the leaders agreed.", WED),
        ]
    )
    assert aspects(found) == ["duration"]


def test_different_prisoner_counts_are_a_count_difference() -> None:
    found = differences([SWAP_175, SWAP_150])
    assert aspects(found) == ["count"]
    assert (
        found[0].summary == "Sources differ on the number of prisoners: 175 prisoners (afp) vs 150 prisoners (reuters)"
    )


def test_durations_beyond_tolerance_differ() -> None:
    found = differences(
        [
            Passage("a", "p-1", "They spoke for an hour.", None),
            Passage("b", "p-2", "They spoke for 90 minutes, in a call about a 30-day truce.", None),
            Passage("c", "p-3", "The truce lasts a month.", None),
        ]
    )
    assert aspects(found) == ["duration"]
    assert [(p.source, [f.key for f in fs]) for p, fs in found[0].readings] == [("a", ["PT60M"]), ("b", ["PT90M"])]


def test_open_bounds_agree_with_larger_values_only() -> None:
    more_than_90 = Passage("a", "p-1", "Their more than 90-minute chat ended.", None)
    assert differences([more_than_90, Passage("b", "p-2", "They spoke for two hours.", None)]) == ()
    assert aspects(differences([more_than_90, Passage("b", "p-2", "They spoke for an hour.", None)])) == ["duration"]


def test_difference_is_verified_only_when_every_passage_is() -> None:
    unverified = Passage("reuters", "p-9", SWAP_150.text, WED, verified=False)
    assert only(differences([SWAP_175, SWAP_150]), "count").verified
    assert not only(differences([SWAP_175, unverified]), "count").verified


# --- differences(): must not report --------------------------------------------------------------------------


NO_DIFFERENCE = {
    "call length": [
        "In a 90-minute phone call, Russian President Vladimir Putin and US President Donald Trump agreed to an "
        "immediate pause in strikes on energy infrastructure.",
        "The leaders spoke for 1.5 hours.",
        "They talked for 90 minutes.",
    ],
    "truce length": [
        "Putin agreed on a 30-day ceasefire on energy infrastructure.",
        "Russia and Ukraine would hold off firing on each other\u2019s energy infrastructure for about a month.",
        "The call allowed a month-long pause in attacks on power plants.",
        "Strikes on energy facilities were to stop for thirty days.",
    ],
    "counts of different things": [
        "Prisoners will be swapped, with 175 to be freed by each side, according to the Kremlin.",
        "Russia will also return 23 wounded Ukrainian soldiers.",
    ],
    "one speaker, three phrasings": [
        "Putin agreed to halt strikes on energy facilities, the Kremlin said.",
        "Putin agreed to halt strikes on energy facilities, according to the Kremlin's readout.",
        "A Kremlin statement said Putin agreed to halt strikes on energy facilities.",
    ],
}


@pytest.mark.parametrize("texts", NO_DIFFERENCE.values(), ids=NO_DIFFERENCE.keys())
def test_formatting_alone_is_no_difference(texts: list[str]) -> None:
    passages = [Passage(f"source-{i}", f"p-{i}", text, WED) for i, text in enumerate(texts)]
    assert differences(passages) == ()


def test_a_weekday_matches_the_same_day_written_as_a_date() -> None:
    passages = [
        Passage("a", "p-1", "On Wednesday, Zelenskyy accused Russia of striking energy sites.", TUE),
        Passage("b", "p-2", "On 19 March 2025, Zelenskyy accused Russia of striking energy sites.", None),
        Passage("c", "p-3", "On March 19, Zelenskyy accused Russia of striking energy sites.", date(2025, 3, 20)),
    ]
    assert differences(passages) == ()


def test_one_source_may_give_two_numbers() -> None:
    assert differences([SWAP_175, Passage("afp", "p-8", SWAP_150.text, WED)]) == ()


def test_a_weekday_the_clause_does_not_settle_is_in_doubt_and_never_differs() -> None:
    unsettled = Passage("a", "p-1", "They would meet on Sunday.", WED)  # "would": before or after publication
    assert all(f.doubtful for f in facts(unsettled.text, WED) if f.aspect == "date")
    assert differences([unsettled, Passage("b", "p-2", "They met on 16 March 2025.", None)]) == ()
    assert differences([unsettled, Passage("b", "p-2", "They met on 24 March 2025.", None)]) == ()
    said = Passage("a", "p-1", "They met on Sunday, officials said.", WED)  # the past: the Sunday before
    assert not any(f.doubtful for f in facts(said.text, WED) if f.aspect == "date")
    assert differences([said, Passage("b", "p-2", "They met on 16 March 2025.", None)]) == ()


def test_a_role_alone_agrees_with_any_speaker() -> None:
    passages = [
        Passage("a", "p-1", "There will be no deal, the Kremlin said.", None),
        Passage("b", "p-2", "There will be no deal, his spokesperson said.", None),
    ]
    assert differences(passages) == ()


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("on 19 March 2025", "on 2025-03-19", True),
        ("on 19 March 2025", "on 20 March 2025", False),
        ("on 19 March 2025", "on March 19", True),
        ("on March 19", "on March 20", False),
        ("on 23 March 2025", "on Sunday", True),
        ("on 24 March 2025", "on Sunday", True),  # a weekday-derived date is in doubt: never a difference
        ("on Sunday", "on Monday", True),
        ("today", "on 19 March 2025", True),
        ("immediately", "on 19 March 2025", False),
        ("immediately", "on March 19", False),
        ("immediately", "on Sunday", True),
    ],
)
def test_which_dates_agree_without_an_article_date(a: str, b: str, agree: bool) -> None:
    for x, y in ((a, b), (b, a)):
        passages = [Passage("one", "p-1", f"Talks begin {x}.", None), Passage("two", "p-2", f"Talks begin {y}.", None)]
        assert ("date" not in aspects(differences(passages))) is agree


# --- differences(): deterministic and stable in input order -------------------------------------------------

POOL = [DEMAND, NOT_UP, AT_ONCE, SUNDAY, CONFIRMED, READOUT, SWAP_175, SWAP_150]


@settings(max_examples=40, deadline=None)
@given(st.permutations(POOL), st.integers(min_value=2, max_value=len(POOL)))
def test_differences_are_deterministic_and_follow_input_order(order: list[Passage], size: int) -> None:
    passages = order[:size]
    found = differences(passages)
    assert differences(list(passages)) == found
    for difference in found:
        positions = [passages.index(p) for p, _ in difference.readings]
        assert positions == sorted(positions)
    canonical = sorted(passages, key=POOL.index)
    involved = {(d.aspect, frozenset(p for p, _ in d.readings)) for d in differences(canonical)}
    assert {(d.aspect, frozenset(p for p, _ in d.readings)) for d in found} == involved


# --- issue 19 part 2: the same slot of a fact -----------------------------------------------------------------


def test_a_deadline_and_the_day_something_happened_are_different_events() -> None:
    met = Passage("a", "p-1", "The leaders met on 27 July 2025 and agreed the pact.", None)
    deadline = Passage("b", "p-2", "Ruritania threatened a 30% levy if no pact was done by 1 August 2025.", None)
    other_deadline = Passage("c", "p-3", "Ruritania threatened a 30% levy if no pact was done by 8 August 2025.", None)
    assert "date" not in aspects(differences([met, deadline]))
    assert only(differences([deadline, other_deadline]), "date")
    assert [f.bound for f in facts(deadline.text, None) if f.aspect == "date"] == ["by"]
    assert [f.bound for f in facts("The levy applies as of 1 August 2025.", None) if f.aspect == "date"] == ["from"]


def test_on_a_topic_only_scheduled_starts_are_compared_as_dates() -> None:
    soon = Passage("a", "p-1", '"These negotiations will begin immediately," the Palace said.', WED)
    sunday = Passage("b", "p-2", "The talks, which the envoy said will take place in the capital on Sunday.", WED)
    past = Passage("c", "p-3", "The leaders spoke on 18 March 2025.", None)
    other = Passage("d", "p-4", "The leaders spoke on 17 March 2025.", None)
    found = only(differences([soon, sunday], spans_events=True), "date")
    assert "immediately" in found.summary and "Sunday 23 March 2025" in found.summary
    assert differences([past, other], spans_events=True) == ()  # a topic's events each have their own day
    assert only(differences([past, other]), "date")  # an event has one
    assert differences([soon, past]) == ()  # a start that is scheduled is another event than a call that happened


def test_immediately_is_a_date_only_as_the_start_of_something() -> None:
    assert keyed("The army immediately received the order.", "date") == []
    assert keyed("The pause takes effect immediately.", "date") == [("immediately", "immediately")]


def test_a_coordination_against_a_compound_is_a_scope_difference() -> None:
    both = Passage("a", "p-1", "The Mayor said the pause covers all Water and Transport, starting today.", None)
    narrow = Passage("b", "p-2", "The Council said it would halt work on water transport sites.", None)
    listed = Passage("c", "p-3", "Exemptions cover water, water transport and parks.", None)
    found = only(differences([both, narrow]), "scope")
    assert found.summary == (
        "Sources differ on what it covers: Water and Transport (the Mayor) vs water transport (the Council)"
    )
    assert "scope" not in aspects(differences([both, listed]))  # "water, water transport": water is named too


def test_the_same_amount_on_all_or_on_most_goods_is_a_scope_difference() -> None:
    all_ = Passage("a", "p-1", "The pact sets a 10% levy on all Freedonian goods.", None)
    most = Passage("b", "p-2", "The pact sets a 10% levy on most goods.", None)
    other = Passage("c", "p-3", "The pact sets a 20% levy on most goods.", None)
    assert aspects(differences([all_, most])) == ["scope"]
    assert "scope" not in aspects(differences([all_, other]))  # a different value is a number difference
    assert "scope" not in aspects(differences([most, other]))


def test_final_against_preliminary_and_an_open_question_against_a_stated_stance() -> None:
    final = Passage("a", "p-1", "The agreement was finalized on Sunday.", None)
    prelim = Passage("b", "p-2", "The preliminary agreement leaves details open.", None)
    unclear = Passage("c", "p-3", "It is unclear whether Norwegian Prime Minister Kari Nordmann is on board.", None)
    stated = Passage("d", "p-4", "Norway said it would support the agreement.", None)
    other = Passage("e", "p-5", "Sweden said it would support the agreement.", None)
    assert aspects(differences([final, prelim])) == ["certainty"]
    found = only(differences([unclear, stated]), "certainty")
    assert "unclear whether Norwegian Prime Minister Kari Nordmann" in found.summary
    assert differences([unclear, other]) == ()  # another party's stance
    assert differences([unclear, Passage("c", "p-4", stated.text, None)]) == ()  # one source


def test_an_outlets_own_sentence_meets_no_denial() -> None:
    denied = Passage("a", "p-1", "The Mayor said cheese would not be included.", None)
    own = Passage("b", "p-2", "The pact covers cheese and wine.", None)
    said = Passage("c", "p-3", "The Council said the pact covers cheese.", None)
    assert differences([denied, own]) == ()
    assert aspects(differences([denied, said])) == ["polarity"]


def test_a_difference_an_editor_recorded_is_not_warned_again() -> None:
    from types import SimpleNamespace

    from generator.readings import recorded

    both = Passage("a", "p-1", "The mayor said the pause covers all Water and Transport.", None)
    narrow = Passage("b", "p-2", "The Council said it would halt work on water transport sites.", None)
    (found,) = differences([both, narrow])
    account = SimpleNamespace
    entry = SimpleNamespace(accounts=[account(source="a", quote="all Water and Transport"),
                                      account(source="b", quote="halt work on water transport sites")])  # fmt: skip
    assert recorded(SimpleNamespace(differences=[entry]), found)  # type: ignore[arg-type]
    assert not recorded(SimpleNamespace(differences=[]), found)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Details will be finalized next week.", "Once finalized, it applies.",
                                  "The text was not finalized."])  # fmt: skip
def test_finalized_in_the_future_or_negated_is_not_final(text: str) -> None:
    assert [f.key for f in facts(text, None) if f.aspect == "certainty"] == []


def test_a_sum_earmarked_within_another_against_the_same_sum_beside_another() -> None:
    def p(source: str, text: str) -> Passage:
        return Passage(source, f"p-{source}", text, None)

    within = p("a", "That money will go to schools, with $40 million earmarked for new roofs.")
    beside = p("b", "The city will spend $40 million on roofs and $25 million on buses.")
    whole_named = p("c", "The $90 million plan, of which $40 million is for roofs, passed.")
    beside_whole = p("d", "The city will spend $40 million on roofs and $90 million on the plan as a whole.")
    alone = p("e", "The city will spend $40 million on roofs.")
    assert "part of another sum" in only(differences([within, beside]), "scope").summary
    assert differences([within, alone]) == ()  # one sum alone says nothing of being separate
    assert differences([whole_named, beside]) == ()  # the whole is named, and it is not the other sum beside it
    assert aspects(differences([whole_named, beside_whole])) == ["scope"]


def test_something_spared_from_an_amount_differs_from_that_amount_listed_on_it() -> None:
    spared = Passage("a", "p-1", "Cheese will, for the time being, be spared from the 15% levy on imports.", None)
    listed = Passage("b", "p-2", "The pact sets a 15% levy on most imports, including cheese, wine and cars.", None)
    other = Passage("c", "p-3", "The pact sets a 10% levy on most imports, including cheese, wine and cars.", None)
    assert "spared from the 15%" in only(differences([spared, listed]), "number").summary
    assert differences([spared, other]) == ()  # spared from 15% agrees with 10%
    kept = Passage("a", "p-4", "Cheese will not be spared from the 15% levy on imports.", None)
    assert differences([kept, listed]) == ()
    assert [f.bound for f in facts("Wine and cheese are exempted from a 15% levy.", None) if f.aspect == "number"] == [
        "other than"
    ]
    assert [f.bound for f in facts("They said it was spared from the 15% levy.", None) if f.aspect == "number"] == [""]


def test_the_same_rate_applying_to_something_is_the_value_just_stated_on_it() -> None:
    same = Passage("a", "p-1", "The levy on imports would be 15 percent, with the same rate applying to cars.", None)
    now = Passage("b", "p-2", "Freedonia will reduce the current 27.5% levies on cars and car parts.", None)
    cars = [f for f in facts(same.text, None) if f.aspect == "number"]
    assert [(f.key, f.subject.of if f.subject else None) for f in cars] == [
        ("15 %", frozenset({"good"})), ("15 %", frozenset({"car"}))
    ]  # fmt: skip
    assert cars[1].words == "15 percent, with the same rate applying to cars"
    assert "27.5%" in only(differences([same, now]), "number").summary
    other = Passage("a", "p-3", "The levy would be 15 percent, with the same quota applying to cars.", None)
    assert len([f for f in facts(other.text, None) if f.aspect == "number"]) == 1  # a quota is not the levy


def test_what_a_sum_goes_to_against_the_same_thing_added_beside_it() -> None:
    into = Passage("a", "p-1", "The city will invest $40 million in Freedonia, in school buses and in roads.", None)
    beside = Passage("b", "p-2", "The city will invest $40 million in Freedonia, as well as buying school buses.", None)
    both = Passage("c", "p-3", "The city will invest $40 million in school buses, along with new school buses.", None)
    other = Passage("d", "p-4", "The city will invest $25 million in Freedonia, as well as buying school buses.", None)
    assert "what it goes to" in only(differences([into, beside]), "scope").summary
    assert differences([into, both]) == ()  # the other source also has the sum go to them
    assert aspects(differences([into, other])) == ["number"]  # another sum: no scope note
    names = Passage("e", "p-5", "The city will invest $40 million in Freedonia.", None)
    assert differences([names, beside]) == ()  # a place is where the sum goes, not what it buys
