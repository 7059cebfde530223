"""The signup form of every registration mode (allauth's, through
ACCOUNT_FORMS) and the invite form."""

import json
from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import botcheck, modes, policies, services
from .models import Mode


def _current_request() -> HttpRequest | None:
    try:
        from allauth.core import context

        return context.request
    except (ImportError, LookupError, AttributeError):
        return None


class JoinForm(SignupForm):
    """allauth's signup form plus what the registration mode asks for (the
    applicant's answer, the invite) and the bot checks (honeypot, minimum fill
    time, the optional proof of work). Read `registration` for the mode in
    force when the form was made."""

    data: Any  # allauth's forms are untyped: the bound data (a QueryDict)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.registration = modes.current()
        self.is_bot = False
        mode = self.registration.mode
        if mode == Mode.APPROVAL:
            limit = modes.answer_max_length()
            self.fields["answer"] = forms.CharField(
                label=self.registration.question,
                widget=forms.Textarea(attrs={"rows": 5, "maxlength": limit}),
                help_text=_(
                    # Translators: Help text of the signup application; %(limit)s is the longest
                    # allowed answer, in characters.
                    "Staff read your answer before opening your account. "
                    "At most %(limit)s characters."
                )
                % {"limit": limit},
                strip=True,
            )
        elif mode == Mode.INVITE:
            request = _current_request()
            token = request.GET.get("invite", "") if request is not None else ""
            self.fields["invite"] = forms.CharField(
                label=_("Invite code"),
                max_length=200,
                initial=token[:200],
                help_text=_("The code at the end of the invite link a member sent you."),
            )
        self.fields[botcheck.HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["started"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=botcheck.start_token()
        )
        if botcheck.pow_enabled():
            self.fields["proof"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.challenge = botcheck.create_challenge()

    # Fields the template lays out itself (the honeypot off screen).
    @property
    def honeypot(self):
        return self[botcheck.HONEYPOT_FIELD]

    @property
    def challenge_json(self) -> str:
        return json.dumps(getattr(self, "challenge", {}))

    @property
    def nojs_seconds(self) -> int:
        return botcheck.nojs_seconds()

    def person_fields(self):
        return [field for field in self.visible_fields() if field.name != botcheck.HONEYPOT_FIELD]

    def clean_answer(self) -> str:
        try:
            return services.clean_answer(self.cleaned_data.get("answer", ""))
        except ValidationError as error:
            raise ValidationError(error.message_dict["answer"]) from None

    def clean_invite(self) -> str:
        token = self.cleaned_data.get("invite", "").strip()
        # The whole link pasted instead of the code: keep what follows the last "/" or "=".
        token = token.rstrip("/").rsplit("/", 1)[-1].rsplit("=", 1)[-1]
        refusal = policies.invite_refusal(services.invite_by_token(token))
        if refusal:
            raise ValidationError(refusal[1], code=refusal[0])
        return token

    def _restart(self) -> None:
        """Show the form again with a fresh start time."""
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = botcheck.start_token()

    def clean(self) -> dict:
        cleaned = super().clean()
        self.is_bot = bool(cleaned.get(botcheck.HONEYPOT_FIELD))
        if self.is_bot:
            return cleaned
        age = botcheck.form_age(cleaned.get("started", ""))
        minimum = botcheck.min_seconds()
        if minimum > 0 and age is None:
            self._restart()
            self.add_error(
                None,
                gettext(
                    "This form was open for too long or was changed. "
                    "Please check it and send it again."
                ),
            )
        elif minimum > 0 and age is not None and age < minimum:
            self.add_error(
                None,
                gettext(
                    "That was very quick. Please check the form and send it again in a few seconds."
                ),
            )
        elif botcheck.pow_enabled():
            self._check_proof(cleaned.get("proof", ""), age)
        return cleaned

    def _check_proof(self, proof: str, age: float | None) -> None:
        if proof:
            if not botcheck.verify_solution(proof):
                self._restart()
                self.add_error(
                    None,
                    gettext(
                        "The automatic check that you are a person did not pass. "
                        "Please send the form again."
                    ),
                )
            return
        wait = botcheck.nojs_seconds()
        if age is None or age < wait:
            self.add_error(
                None,
                gettext(
                    # Translators: Signup bot check; %(seconds)s is a number of seconds.
                    "Without JavaScript, the form can be sent %(seconds)s seconds after "
                    "the page opened. Please wait a moment and send it again."
                )
                % {"seconds": wait},
            )

    def try_save(self, request: HttpRequest):
        if self.is_bot:
            # Answer a bot as if it had signed up (allauth's own honeypot does
            # the same): telling it what went wrong would only teach it.
            return None, get_adapter().respond_email_verification_sent(request, None)
        try:
            return super().try_save(request)
        except ValidationError as error:
            # The invite's last use was taken between the check and the save:
            # nothing was written (the account rolled back with it).
            self.add_error("invite" if "invite" in self.fields else None, error.messages)
            return None, render(request, "account/signup.html", {"form": self}, status=200)


class InviteForm(forms.Form):
    """How many people an invite link lets in, and for how long (the maxima
    come from the settings, read when the form is made)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["max_uses"] = forms.IntegerField(
            label=_("How many people may join with it"),
            min_value=1,
            max_value=services.invite_max_uses(),
            initial=1,
        )
        self.fields["days"] = forms.IntegerField(
            label=_("Valid for (days)"),
            min_value=1,
            max_value=services.invite_max_days(),
            initial=7,
        )
