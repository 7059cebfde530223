"""Translatable tag names (django-modeltranslation).

A tag's slug is its identity and its URL and never changes with the
language; its display name can be curated per language in the admin
(name_en, name_es, …) and falls back to English when a language has none.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Tag


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
