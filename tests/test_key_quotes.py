"""Key quotes: the informative ones first; greetings and scraps never."""

from __future__ import annotations

from digests.key_quotes import informativeness, key_quotes
from digests.models import Quote

GREETING = Quote("Сәлеметсіздер ме, құрметті қонақтар, рахмет", "Әкім", "akim")
SHORT = Quote("Иә, солай", "Әкім", "akim")
PLAN = Quote(
    "Алдағы үш жылда ең тозған 1 200 шақырым желіні кезең-кезеңімен ауыстырамыз, "
    "бұл жұмысқа бюджеттен 40 миллиард теңге бөлінеді",
    "Асқар Жұмабеков",
    "zhumabekov",
)
VAGUE = Quote(
    "Біз бұл мәселені мұқият қарап, тиісті шешім қабылдайтын боламыз деп ойлаймын",
    None,
    None,
)


def test_informative_quote_ranks_first() -> None:
    ranked = key_quotes([GREETING, SHORT, VAGUE, PLAN])
    assert ranked[0].text == PLAN.text
    assert all(q.text not in (GREETING.text, SHORT.text) for q in ranked)
    assert ranked[0].salience > 0


def test_greetings_and_scraps_score_zero() -> None:
    assert informativeness(GREETING) == 0.0
    assert informativeness(SHORT) == 0.0


def test_at_most_two_and_none_for_nothing() -> None:
    many = [
        PLAN, VAGUE, Quote(PLAN.text + " тағы", "X", "x"), Quote(VAGUE.text + " иә", None, None),
    ]
    assert len(key_quotes(many)) <= 2
    assert key_quotes([]) == []
    assert key_quotes([GREETING]) == []


def test_repeating_the_summary_lowers_the_score() -> None:
    alone = informativeness(PLAN)
    repeated = informativeness(PLAN, frozenset({"шақыр", "желін", "ауыст", "бюдже"}))
    assert repeated < alone
