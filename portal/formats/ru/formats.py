# CLDR (ru): "3 декабря 2026 г.", "3 декабря 2026 г., 14:05" (E: the month in the genitive).
DATE_FORMAT = SHORT_DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j E Y г., H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y г."
