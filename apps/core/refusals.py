"""What a service does with a policy's refusal, in every app.

Policies answer `None` or `(code, translated sentence)`. A code the app
lists as bad input (`input_codes`: a post too long, an invite used up)
becomes a ValidationError, on `field` when given, so forms show it there;
any other code is a PermissionDenied (403) carrying the sentence.
"""

from collections.abc import Collection

from django.core.exceptions import PermissionDenied, ValidationError


def raise_refusal(
    refusal: tuple[str, str] | None,
    *,
    input_codes: Collection[str] = (),
    field: str | None = None,
) -> None:
    if refusal is None:
        return
    code, message = refusal
    if code not in input_codes:
        raise PermissionDenied(message)
    error = ValidationError(message, code=code)
    raise ValidationError({field: error}) if field else error
