"""Bot protection of the signup form, without any third-party service.

Always:
- a honeypot field (`HONEYPOT_FIELD`), hidden from people (off screen,
  aria-hidden, out of the tab order, autocomplete off): a bot that fills it is
  answered as if it had signed up, and nothing is created;
- a minimum fill time: the form carries the time it was shown, signed
  (`start_token`); a form sent back sooner than QUORUM_SIGNUP_MIN_SECONDS, or
  with a missing, forged or day-old token, is shown again with a message.

Optional (QUORUM_SIGNUP_POW, off by default, in development and tests too):
a proof of work in the ALTCHA format (https://altcha.org): the server signs a
challenge (SHA-256 of a random salt and a secret number below
QUORUM_SIGNUP_POW_MAX_NUMBER, HMAC-signed with a key derived from
SECRET_KEY, expiring), the browser finds the number (static/joining/pow.js,
a few lines of Web Crypto; no puzzle to see or hear) and sends the solution
back; each solution is accepted once. Without JavaScript the fallback is
time: the form is accepted once it has been open
QUORUM_SIGNUP_NOJS_SECONDS, which the page says in plain words.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

HONEYPOT_FIELD = "homepage"
_START_SALT = "registration.signup-start"
_START_MAX_AGE = 24 * 3600
_CHALLENGE_SECONDS = 30 * 60


def min_seconds() -> int:
    return int(getattr(settings, "QUORUM_SIGNUP_MIN_SECONDS", 3))


def nojs_seconds() -> int:
    return int(getattr(settings, "QUORUM_SIGNUP_NOJS_SECONDS", 20))


def pow_enabled() -> bool:
    return bool(getattr(settings, "QUORUM_SIGNUP_POW", False))


def pow_max_number() -> int:
    return int(getattr(settings, "QUORUM_SIGNUP_POW_MAX_NUMBER", 100_000))


# --- the time the form was shown ------------------------------------------------------------


def start_token(now: float | None = None) -> str:
    return signing.dumps({"t": round(now if now is not None else time.time(), 3)}, salt=_START_SALT)


def form_age(token: str) -> float | None:
    """Seconds since the form carrying `token` was shown; None when the token
    is missing, forged or older than a day."""
    if not token or len(token) > 200:
        return None
    try:
        data = signing.loads(token, salt=_START_SALT, max_age=_START_MAX_AGE)
        age = max(time.time() - float(data["t"]), 0.0)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return age if age <= _START_MAX_AGE else None


# --- proof of work (the ALTCHA format) ---------------------------------------------------


def _hmac_key() -> bytes:
    return hashlib.sha256(b"quorum.registration.altcha:" + settings.SECRET_KEY.encode()).digest()


def _sign(challenge: str) -> str:
    return hmac.new(_hmac_key(), challenge.encode(), hashlib.sha256).hexdigest()


def create_challenge(*, number: int | None = None) -> dict:
    """A signed challenge the browser solves: find n in [0, maxnumber] with
    SHA-256(salt + n) == challenge."""
    maxnumber = pow_max_number()
    expires = int(time.time()) + _CHALLENGE_SECONDS
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    secret = number if number is not None else secrets.randbelow(maxnumber + 1)
    challenge = hashlib.sha256(f"{salt}{secret}".encode()).hexdigest()
    return {
        "algorithm": "SHA-256",
        "challenge": challenge,
        "maxnumber": maxnumber,
        "salt": salt,
        "signature": _sign(challenge),
    }


def solve(challenge: dict) -> str:
    """The payload a browser would send for `challenge` (tests, tools)."""
    for number in range(int(challenge["maxnumber"]) + 1):
        digest = hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
        if digest == challenge["challenge"]:
            payload = {
                key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")
            }
            payload["number"] = number
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("no solution")


def verify_solution(payload: str) -> bool:
    """Whether `payload` (base64 JSON: algorithm, challenge, number, salt,
    signature) solves a challenge we signed, not expired and not used
    before. Each solution is accepted once (remembered in the cache until
    the challenge expires)."""
    if not payload or len(payload) > 2000:
        return False
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
        algorithm, challenge = data["algorithm"], str(data["challenge"])
        salt, signature, number = str(data["salt"]), str(data["signature"]), int(data["number"])
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return False
    if algorithm != "SHA-256" or not hmac.compare_digest(signature, _sign(challenge)):
        return False
    _head, _sep, query = salt.partition("?")
    params = dict(part.partition("=")[::2] for part in query.split("&") if part)
    try:
        if int(params.get("expires", "0")) < time.time():
            return False
    except ValueError:
        return False
    digest = hashlib.sha256(f"{salt}{number}".encode()).hexdigest()
    if not hmac.compare_digest(digest, challenge):
        return False
    return bool(cache.add(f"registration:pow:{signature}", 1, timeout=_CHALLENGE_SECONDS + 60))
