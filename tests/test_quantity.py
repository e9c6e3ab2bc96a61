"""What a number measures, amounts in their units, and speakers folded to one (synthetic sentences only)."""

from __future__ import annotations

import pytest

from generator.disagreement import Passage, differences
from generator.quantity import amounts, comparable, rate_nouns, subject
from generator.speakers import Speakers


def about(text: str, words: str) -> tuple[str, frozenset[str], str]:
    i = text.index(words)
    s = subject(text, i, i + len(words))
    return s.head, s.of, s.state


@pytest.mark.parametrize(
    ("text", "words", "head"),
    [
        ("In a 90-minute meeting, the leaders agreed.", "90-minute", "meeting"),
        ("The two-day talks produced a 90-day truce.", "two-day", "talk"),
        ("The two-day talks produced a 90-day truce.", "90-day", "truce"),
        ("They agreed a straight tariff of 15% on cars.", "15%", "tariff"),
        ("The tariff rate on imports would be 20 percent.", "20 percent", "tariff"),
        ("the talks, that only lasted about one hour, were tough", "about one hour", "talk"),
        ("It will buy $750 billion worth of gas.", "$750 billion", "gas"),
    ],
)
def test_the_head_a_number_measures(text: str, words: str, head: str) -> None:
    assert about(text, words)[0] == head


def test_whose_goods_and_earlier_values_are_part_of_the_subject() -> None:
    assert about("a 10% tariff on Ruritanian goods", "10%")[1] == {"ruritanian", "good"}
    assert about("down from the 40% tariff threatened in May", "40%")[2] == "prior"
    text = "a 10% tariff on Ruritanian goods and a 25% tariff on Freedonian goods"
    a, b = (subject(text, text.index(w), text.index(w) + 3) for w in ("10%", "25%"))
    assert not comparable(a, b)


def test_amounts_keep_units_apart_and_derive_points_from_a_from_to_change() -> None:
    found = [
        (a.unit, a.value, a.derived) for a in amounts("cut from 60% to 20%, by 40 percentage points, €3bn, $2 million")
    ]
    assert found == [("%", 60, False), ("pt", 40, True), ("%", 20, False), ("pt", 40, False), ("EUR", 3e9, False),
                     ("USD", 2e6, False)]  # fmt: skip
    assert [a.value for a in amounts("a rate of 27,5 % and 1,200")] == [27.5]
    assert [a.value for a in amounts("buying $750 billions' worth")] == [750e9]


def test_the_talks_length_is_never_compared_with_the_truce_length() -> None:
    a = Passage("a", "p-1", "After two days of talks, they agreed a 90-day truce.", None)
    b = Passage("b", "p-2", "The truce lasts 90 days, after talks that lasted two days.", None)
    assert differences([a, b]) == ()


def test_different_rates_on_the_same_goods_differ_and_on_other_goods_do_not() -> None:
    a = Passage("a", "p-1", "Ruritania will pay a 10% tariff on steel.", None)
    b = Passage("b", "p-2", "Ruritania will pay a 25% tariff on steel.", None)
    c = Passage("c", "p-3", "Ruritania will pay a 25% tariff on cheese.", None)
    assert [d.aspect for d in differences([a, b])] == ["number"]
    assert differences([a, c]) == ()


def test_a_per_cent_change_is_compared_with_points_and_noted() -> None:
    a = Passage("a", "p-1", "The tariff on steel fell by 30 percentage points.", None)
    b = Passage("b", "p-2", "The tariff on steel fell by 20 per cent.", None)
    (d,) = differences([a, b])
    assert "per cent" in d.summary


@pytest.mark.parametrize("name", ["U.S.", "American", "Washington", "the US", "American officials"])
def test_a_country_its_adjective_and_capital_are_one_speaker(name: str) -> None:
    assert Speakers().key(name) == "country:United States"


def test_story_aliases_join_a_side_and_a_role_alone_is_anyone() -> None:
    s = Speakers([("ru", ["Ruritania", "the Palace"]), ("fr", ["Freedonia"])])
    assert s.key("a Palace statement") == s.key("Ruritania's officials") == "side:ru"
    assert s.same("the Palace", "Ruritania") and not s.same("the Palace", "Freedonia")
    assert s.same("a senior official", "Freedonia")


def test_a_rate_said_to_be_none_is_zero_on_what_follows_when_the_passages_use_its_noun_for_a_rate() -> None:
    rates = rate_nouns(["Freedonia keeps a 15% levy on cheese.", "to 15% retroactive to May", "30% of voters"])
    assert rates == {"levy"}
    assert rate_nouns(["Freedonia imposed 20% levies.", "a 15 per cent Ruritanian levy rate"]) == {"levy"}
    text = "Ruritania pledged to eliminate levies on all Freedonian industrial goods."
    assert amounts(text) == []  # no passage speaks of a levy as a rate: nothing learned, nothing read
    (zero,) = amounts(text, rates)
    assert (zero.unit, zero.value, text[zero.start : zero.end]) == ("%", 0.0, "eliminate levies")
    assert about(text, "eliminate levies")[:2] == ("levy", {"freedonian", "industrial", "good"})
    assert [a.value for a in amounts("zero levies on cheese, a zero-for-zero levies deal, zero levy.", rates)] == [0.0]
    assert amounts("They pledged to eliminate barriers on trade.", rates) == []


def test_partitives_destinations_and_goods_words_in_whose_goods() -> None:
    assert about("a 15% levy on a wide range of Freedonian exports", "15%")[1] == {"freedonian", "good"}
    assert about("a 15% levy on its exports to Freedonia", "15%")[1] == {"good", "to:freedonia"}
    assert about("a 15% levy on Freedonian imports", "15%")[1] == about("a 15% levy on Freedonian products", "15%")[1]


def test_a_fee_on_goods_at_large_and_one_on_a_product_are_a_rule_and_its_exception() -> None:
    general = Passage("a", "p-1", "The pact sets a 10% levy on most goods.", None)
    steel = Passage("b", "p-2", "The 50% levy on steel and copper goods stays.", None)
    named = Passage("c", "p-3", "Ruritania will put a 15% levy on Freedonian goods.", None)
    narrower = Passage("d", "p-4", "Ruritania pledged to eliminate levies on Freedonian industrial goods.", None)
    assert differences([general, steel]) == ()
    assert [d.aspect for d in differences([general, named])] == ["number"]
    assert [d.aspect for d in differences([named, narrower])] == ["number"]


def test_a_list_of_what_is_included_is_what_the_amount_applies_to() -> None:
    assert about("a 15% levy on most goods, including cheese, wine and cars.", "15%")[1] == {
        "good", "cheese", "wine", "car"
    }  # fmt: skip
    assert about("a 15% levy on most goods, said the minister.", "15%")[1] == {"good"}


def test_a_current_value_is_the_one_in_force_unless_a_change_from_it_is_given() -> None:
    assert about("Freedonia will cut the current 27.5% levy on cars once the law passes.", "27.5%")[2] == ""
    assert about("The levy goes from the current 27.5% to 15%.", "27.5%")[2] == "prior"
    assert about("Freedonia will cut the current 27.5% levy to 15% on cars.", "27.5%")[2] == "prior"
    assert about("down from the 40% levy threatened in May", "40%")[2] == "prior"
