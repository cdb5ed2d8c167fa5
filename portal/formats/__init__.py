"""How each language writes dates and times (FORMAT_MODULE_PATH): the CLDR's long patterns,
with the month written out, so that no reader wonders whether 12/03/2026 is March or December.
Short formats are the long ones: a table of dates is read by the same international readership.
Times are on the 24-hour clock, as UN documents print them; the portal's clock is Geneva's
(settings.TIME_ZONE). Digits are the Western ones the UN's documents use in all six languages.
Everything not set here (input formats, number separators) is Django's own for the language.
"""
