"""Which registration mode is in force, and its parameters.

The operator chooses with settings (config/settings/base.py, from the
environment): QUORUM_REGISTRATION_MODE (open, domains, approval, invite,
closed), QUORUM_REGISTRATION_DOMAINS, QUORUM_REGISTRATION_QUESTION. Staff may
override each in the admin ("Registration options", one row): a non-empty
field there wins. One query (the option row) per call of `current()`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .models import Mode, SiteRegistration


@dataclass(frozen=True)
class Registration:
    mode: Mode
    domains: tuple[str, ...]
    question: str

    def allows_domain(self, email: str) -> bool:
        domain = email.rpartition("@")[2].strip().lower().rstrip(".")
        return any(domain == allowed or domain.endswith("." + allowed) for allowed in self.domains)


def parse_domains(text: str | list | tuple) -> tuple[str, ...]:
    """Domains from a list or from text separated by commas, spaces or lines;
    lower case, without a leading "@" or "*."."""
    items = text if isinstance(text, (list, tuple)) else text.replace(",", " ").split()
    domains = []
    for item in items:
        domain = str(item).strip().lower().lstrip("@").removeprefix("*.").rstrip(".")
        if domain and domain not in domains:
            domains.append(domain)
    return tuple(domains)


def default_question() -> str:
    return _("Why would you like to join, and how did you hear about us?")


def setting_mode() -> Mode:
    value = str(getattr(settings, "QUORUM_REGISTRATION_MODE", Mode.OPEN) or Mode.OPEN)
    try:
        return Mode(value.strip().lower())
    except ValueError:
        raise ImproperlyConfigured(
            f"QUORUM_REGISTRATION_MODE must be one of {', '.join(Mode.values)}, not {value!r}"
        ) from None


def current() -> Registration:
    """The registration in force: settings, overridden by the admin's row."""
    option = SiteRegistration.objects.filter(pk=1).first()
    mode = Mode(option.mode) if option and option.mode else setting_mode()
    domains = parse_domains(
        option.domains
        if option and option.domains.strip()
        else getattr(settings, "QUORUM_REGISTRATION_DOMAINS", "")
    )
    question = (
        (option.question.strip() if option else "")
        or str(getattr(settings, "QUORUM_REGISTRATION_QUESTION", "") or "").strip()
        or default_question()
    )
    return Registration(mode=mode, domains=domains, question=question)


def answer_max_length() -> int:
    return int(getattr(settings, "QUORUM_REGISTRATION_ANSWER_MAX_LENGTH", 1000))
