"""Translatable fields of communities (django-modeltranslation).

Each field gets one column per language (name_en, name_es, …, name_pt_br,
name_ar); `community.name` reads the active language's column and falls back
to English (MODELTRANSLATION_FALLBACK_LANGUAGES) when it is empty. The
original `name` column stays. Staff and translators fill the other languages
in the admin; the site's own forms write the creator's text to English too
(MODELTRANSLATION_AUTO_POPULATE = "default"), so nothing shows up empty.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Community


@register(Community)
class CommunityTranslationOptions(TranslationOptions):
    fields = ("name", "description", "rules")
