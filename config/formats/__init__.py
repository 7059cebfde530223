"""Corrections to Django's locale formats (FORMAT_MODULE_PATH).

Only the values that differ from django/conf/locale/<lang>/formats.py live
here; everything else still comes from Django.
"""
