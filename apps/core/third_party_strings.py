"""Strings of Django's own catalogues that Quorum translates itself.

Where a third-party translation is missing or wrong for our pages, the string
is listed here so `make messages` extracts it into our catalogue, whose
translations take precedence over Django's and allauth's (LOCALE_PATHS come
first). `manage.py prefill_third_party` (run by `make messages`) copies the
third party's translation into every locale where ours is still empty, so a
translator only corrects what was wrong:

- Arabic relative times: Django says "منذ 2 ساعة" and "منذ 2 ساعتين" where
  Arabic uses the dual alone ("منذ ساعتين"), and "منذ دقيقة من الآن" for
  "in a minute".
- Brazilian Portuguese month names: Portuguese writes them in lower case
  ("2 de março de 2026"); Django's catalogue capitalises them.

Nothing imports this module: it exists to be read by makemessages. The
msgids, contexts and plural forms must match the third party's exactly
(a literal U+00A0 where Django puts a no-break space: xgettext decodes
\\u escapes only in u-prefixed literals, which ruff rewrites).
"""

from django.utils.translation import gettext_noop, ngettext_lazy, npgettext_lazy, pgettext_lazy

HUMANIZE_NATURALTIME = [
    gettext_noop("%(delta)s ago"),
    gettext_noop("%(delta)s from now"),
    ngettext_lazy("an hour ago", "%(count)s hours ago", "count"),
    ngettext_lazy("a minute ago", "%(count)s minutes ago", "count"),
    ngettext_lazy("a second ago", "%(count)s seconds ago", "count"),
    ngettext_lazy("a second from now", "%(count)s seconds from now", "count"),
    ngettext_lazy("a minute from now", "%(count)s minutes from now", "count"),
    ngettext_lazy("an hour from now", "%(count)s hours from now", "count"),
    npgettext_lazy("naturaltime-past", "%(num)d year", "%(num)d years", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d month", "%(num)d months", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d week", "%(num)d weeks", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d day", "%(num)d days", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d hour", "%(num)d hours", "num"),
    npgettext_lazy("naturaltime-past", "%(num)d minute", "%(num)d minutes", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", "num"),
    npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", "num"),
]

# django.utils.dates: MONTHS (date format "F") and MONTHS_ALT ("E").
MONTH_NAMES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
