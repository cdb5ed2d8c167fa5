"""Dates and times are written as each language writes them, month in words (never 12/03/2026),
on Geneva's clock (portal/formats/)."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

INSTANT = datetime(2026, 12, 3, 13, 5, tzinfo=UTC)  # 14:05 in Geneva

EXPECTED = {
    "en": ("3 December 2026", "3 December 2026, 14:05"),
    "fr": ("3 décembre 2026", "3 décembre 2026 à 14:05"),
    "es": ("3 de diciembre de 2026", "3 de diciembre de 2026, 14:05"),
    "ru": ("3 декабря 2026 г.", "3 декабря 2026 г., 14:05"),
    "ar": ("3 ديسمبر 2026", "3 ديسمبر 2026، 14:05"),
    "zh-hans": ("2026年12月3日", "2026年12月3日 14:05"),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_dates_and_times_in_each_language(language):
    template = Template(
        '{{ day }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ moment }}|{{ moment|date:"DATETIME_FORMAT" }}'
        '|{{ moment|date:"SHORT_DATETIME_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"day": date(2026, 12, 3), "moment": INSTANT})).split("|")
    long_date, long_datetime = EXPECTED[language]
    assert rendered == [long_date, long_date, long_datetime, long_datetime, long_datetime]
