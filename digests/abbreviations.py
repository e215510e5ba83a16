"""Abbreviations that end in a period without ending the sentence (kk, ru, en).

Kept apart from the splitter so the word lists can grow without touching its logic. Entries
are case-folded and written without their final period.
"""

from __future__ import annotations


def word_set(block: str) -> frozenset[str]:
    """The white-space separated words of `block`, so lists read like prose."""
    return frozenset(block.split())


# Never the last word of a sentence: a name, a number or a noun always follows.
NEVER_FINAL = word_set(
    """
    mr mrs ms dr prof sr jr st gen col lt sgt capt gov sen rep rev fr no nos vs cf e.g i.e
    approx dept fig op art ch vol pp ed eds mt ft ave
    г-н г-жа им ул просп пер пл проф акад доц канд напр т.е т.к т.н ср рис табл стр ок гл
    пос д кв корп ст дж
    көш проф акад доц мыс яғни
    """
)

# May end a sentence (т.б. at the end of a list), so they split only before a clear start.
MAY_BE_FINAL = word_set(
    """
    etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m
    т.д т.п др пр млн млрд трлн тыс руб коп долл тенге тг км кг см мм га обл р-н
    т.б т.с.с т.с б.з.б б.з.д шақ сағ мин ж.б
    """
)

# Years and centuries: "2024 ж. 15 наурызда", "в 1991 г. страна", "XX ғ. басында".
YEAR_MARKS = word_set("ж жж г гг в вв ғ ғғ c")

# Words that plausibly open a sentence after an initialism such as "U.S.".
SENTENCE_STARTERS = word_set(
    """
    the a an he she it they we i this that these those there but and however in on at
    бұл ол олар біз сол осы мұнда алайда бірақ сондай-ақ
    это он она они мы в на но однако также при по
    """
)

MONTHS = word_set(
    """
    қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    """
)
