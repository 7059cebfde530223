"""Presentation helpers of the security pages."""

from __future__ import annotations

import re

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    (re.compile(r"\bEdg(?:e|A|iOS)?/"), "Edge"),
    (re.compile(r"\bOPR/|\bOpera\b"), "Opera"),
    (re.compile(r"\bFirefox/|\bFxiOS/"), "Firefox"),
    (re.compile(r"\bChrom(?:e|ium)/|\bCriOS/"), "Chrome"),
    (re.compile(r"\bSafari/"), "Safari"),
]
SYSTEMS = [
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\biPhone\b|\biPad\b|\biOS\b"), "iOS"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\bMac OS X\b|\bMacintosh\b"), "macOS"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
]


def _first(patterns, text: str) -> str:
    return next((name for pattern, name in patterns if pattern.search(text)), "")


@register.filter
def device_name(user_agent: str) -> str:
    """ "Firefox on Linux" from a User-Agent header; "Unknown device" when
    neither the browser nor the system is recognised."""
    browser, system = _first(BROWSERS, user_agent or ""), _first(SYSTEMS, user_agent or "")
    if browser and system:
        # Translators: a signed-in device, e.g. "Firefox on Linux".
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")
