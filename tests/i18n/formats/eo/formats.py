"""Date formats of the pseudo-locale (FORMAT_MODULE_PATH in the fixture).

Django's Esperanto formats hold words ("26-a de julio 1887, je 18:59") that
are not ours to translate and would read as unmarked text; these keep only
digits and the (pseudo-translated) month names.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
