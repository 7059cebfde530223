"""Test helpers for two-factor and sessions: signing in through allauth's own
login (so its authentication records, stages and signals run), TOTP codes,
and a software WebAuthn authenticator that answers fido2's ceremonies."""

from __future__ import annotations

import json
import os
import re
import time
from hashlib import sha256

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

from conftest import PASSWORD


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    """POST allauth's login form as a person would."""
    return client.post(reverse("account_login"), {"login": username, "password": password}, **extra)


def reauthenticate(client, password: str = PASSWORD):
    """Confirm the password, as allauth asks before any change to two-factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def sign_in_fresh(client, username: str, password: str = PASSWORD):
    """Sign in, then confirm the password: two-factor pages open at once."""
    sign_in(client, username, password)
    return reauthenticate(client, password)


def totp_code(secret: str, *, offset: int = 0) -> str:
    """The authenticator app's code for `secret` now (or `offset` periods away)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def totp_secret_of(page_html: str) -> str:
    """The secret the activation page shows beside the QR code."""
    found = re.search(r'data-testid="totp-secret"[^>]*>\s*([A-Z2-7=]+)\s*<', page_html)
    assert found, "the activation page shows no secret"
    return found.group(1)


def json_script(page_html: str, element_id: str) -> dict:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', page_html, re.S
    )
    assert found, f"no #{element_id} JSON on the page"
    return json.loads(found.group(1))


class SoftAuthenticator:
    """A security key in software: an ES256 key pair and a signature counter.

    `register` answers the creation options allauth's "add a security key"
    page gives the browser; `assert_` answers request options (passkey login,
    two-factor stage). Its answers are what a browser posts, in the WebAuthn
    JSON shape allauth parses."""

    def __init__(self, origin: str = "http://testserver") -> None:
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.user_handle: bytes | None = None

    def _rp_hash(self, rp_id: str) -> bytes:
        return sha256(rp_id.encode()).digest()

    def register(self, creation_options: dict, *, resident: bool = False) -> dict:
        options = creation_options["publicKey"]
        self.rp_id = options["rp"]["id"]
        self.user_handle = websafe_decode(options["user"]["id"])
        client_data = CollectedClientData.create(
            type=CollectedClientData.TYPE.CREATE,
            challenge=websafe_decode(options["challenge"]),
            origin=self.origin,
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(
            self._rp_hash(self.rp_id), flags, self.counter, bytes(credential)
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "response": {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "attestationObject": websafe_encode(bytes(attestation)),
                "transports": ["usb"],
            },
            "clientExtensionResults": {"credProps": {"rk": resident}},
        }

    def assert_(self, request_options: dict) -> dict:
        options = request_options["publicKey"]
        self.counter += 1
        client_data = CollectedClientData.create(
            type=CollectedClientData.TYPE.GET,
            challenge=websafe_decode(options["challenge"]),
            origin=self.origin,
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV
        auth_data = AuthenticatorData.create(
            self._rp_hash(options.get("rpId") or self.rp_id), flags, self.counter
        )
        signature = self.key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        response = {
            "clientDataJSON": websafe_encode(bytes(client_data)),
            "authenticatorData": websafe_encode(bytes(auth_data)),
            "signature": websafe_encode(signature),
        }
        if self.user_handle is not None:
            response["userHandle"] = websafe_encode(self.user_handle)
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "response": response,
            "clientExtensionResults": {},
        }
