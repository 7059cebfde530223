"""`{% content_lang post %}`: the `lang` (and, for a right-to-left language,
`dir`) attributes of the element holding a member's text, so screen readers
and browsers read it in its own language whatever the page's."""

from django import template
from django.utils.html import format_html

from apps.profiles.languages import is_rtl, shipped

register = template.Library()


@register.simple_tag
def content_lang(obj) -> str:
    """` lang="ar" dir="rtl"`, ` lang="fr"`, or nothing for a row without a
    language (rows older than the field)."""
    code = shipped(getattr(obj, "language", "") or "")
    if not code:
        return ""
    if is_rtl(code):
        return format_html(' lang="{}" dir="rtl"', code)
    return format_html(' lang="{}"', code)
