# CLDR (es): "3 de diciembre de 2026", "3 de diciembre de 2026, 14:05".
DATE_FORMAT = SHORT_DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
