"""Dates as UN documents print them in the six languages, read into ISO dates."""

import re
from datetime import date

from .labels import ascii_digits

_MONTHS = {
    # English, French, Spanish
    **dict.fromkeys(("january", "janvier", "enero"), 1),
    **dict.fromkeys(("february", "février", "fevrier", "febrero"), 2),
    **dict.fromkeys(("march", "mars", "marzo"), 3),
    **dict.fromkeys(("april", "avril", "abril"), 4),
    **dict.fromkeys(("may", "mai", "mayo"), 5),
    **dict.fromkeys(("june", "juin", "junio"), 6),
    **dict.fromkeys(("july", "juillet", "julio"), 7),
    **dict.fromkeys(("august", "août", "aout", "agosto"), 8),
    **dict.fromkeys(("september", "septembre", "septiembre", "setiembre"), 9),
    **dict.fromkeys(("october", "octobre", "octubre"), 10),
    **dict.fromkeys(("november", "novembre", "noviembre"), 11),
    **dict.fromkeys(("december", "décembre", "decembre", "diciembre"), 12),
    # Russian, in the genitive as dates print them
    **{month: number for number, month in enumerate(["января", "февраля", "марта", "апреля", "мая", "июня"], 1)},
    **{
        month: number for number, month in enumerate(["июля", "августа", "сентября", "октября", "ноября", "декабря"], 7)
    },
    # Arabic: the UN prints the Levantine and the Egyptian name, "تموز/يوليه"
    **{
        name: number
        for number, pair in enumerate(
            (
                "كانون الثاني/يناير",
                "شباط/فبراير",
                "آذار/مارس",
                "نيسان/أبريل",
                "أيار/مايو",
                "حزيران/يونيه",
                "تموز/يوليه",
                "آب/أغسطس",
                "أيلول/سبتمبر",
                "تشرين الأول/أكتوبر",
                "تشرين الثاني/نوفمبر",
                "كانون الأول/ديسمبر",
            ),
            1,
        )
        for name in (pair, *pair.split("/"))
    },
}
_MONTH_NAMES = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
# "11 July 2024", "1er juillet 2024", "11 de julio de 2024", "11 июля 2024 года",
# "11 تموز/يوليه 2024", "2024年7月11日", and unspaced as some conversions print it: "6July2020"
DATE = re.compile(
    rf"(?P<day>\d{{1,2}})(?:er|º)?\s*(?:de\s+)?(?P<month>{_MONTH_NAMES})\s*(?:de\s+|del\s+)?(?P<year>\d{{4}})(?:\s*(?:года|г\.))?"
    r"|(?P<cyear>\d{4})\s*年\s*(?P<cmonth>\d{1,2})\s*月\s*(?P<cday>\d{1,2})\s*日",
    re.IGNORECASE,
)


# A day and a month opening a line ("1 April 2021", "5 juillet"): a date, never a footnote.
DAY_MONTH = re.compile(rf"\d{{1,2}}(?:er|º)?\s*(?:de\s+)?(?:{_MONTH_NAMES})(?!\w)", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    """The first date printed in the text, or None."""
    match = DATE.search(ascii_digits(text))
    if not match:
        return None
    if match["cyear"]:
        year, month, day = int(match["cyear"]), int(match["cmonth"]), int(match["cday"])
    else:
        year, month, day = int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"])
    try:
        return date(year, month, day)
    except ValueError:
        return None
