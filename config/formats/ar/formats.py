"""Arabic number formats.

Quorum writes Arabic pages with Western digits (0-9), as Arabic Wikipedia
and most Arabic news sites do. Every number on a page comes out of Django in
those digits: dates and times (its `date` filter), relative times
("منذ 3 ساعات", from Django's own Arabic catalogue) and counts. Converting
only our counters to Arabic-Indic digits (١٢٣) would mix two digit sets on
one page, and converting everything would rewrite digits inside user content.

Django's `ar` formats use "," and "." (the Maghreb convention) and no digit
grouping at all (NUMBER_GROUPING unset = 0), so 1234567 showed ungrouped.
With Western digits CLDR's Arabic (`ar`, latn) symbols are "." for decimals
and "," for thousands, grouped by three: 1,234,567.
"""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Django's `ar` formats define dates and times but no DATETIME_FORMAT, so a date
# with its time fell back to the English pattern ("نوفمبر 26, 2026, 10:24 م").
# Arabic writes the day first, the month name, the year, then the time after
# an Arabic comma: "26 نوفمبر 2026، 10:24 م".
DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
