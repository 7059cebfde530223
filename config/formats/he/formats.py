"""Hebrew number formats.

Django's `he` formats set "," and "." but no digit grouping (NUMBER_GROUPING
unset = 0), so 1234567 showed ungrouped. CLDR's Hebrew groups by three with
"," for thousands and "." for decimals: 1,234,567.
"""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
