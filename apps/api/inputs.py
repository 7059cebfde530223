"""What an API view reads from its request: the query string and the JSON
body, each validated by a DRF serializer. A refused input raises DRF's
ValidationError, which apps.api.errors answers with a 400 in the envelope.

Both are read more strictly than DRF does by default, so that the API
accepts exactly what its OpenAPI schema describes (tests/api/
test_schemathesis.py fuzzes it against the schema):

- the query string is read as plain values, not as an HTML form: `?sort=`
  is an empty sort (refused unless the field allows blank), not "no sort
  given";
- a JSON body's values must have the JSON type the schema gives: DRF would
  turn `{"body": 0}` into the text "0" and `{"value": "1"}` into the
  number 1.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.request import Request

# "Has something to say": at least one character that is neither whitespace
# nor a control character. For the schema of texts the services refuse when
# blank (a title, a comment, a message, a required reason).
NOT_BLANK_PATTERN = r"[^\s\x00-\x1f\x7f]"
# Marks a schema written by documented_as (apps.api.schema removes it).
DOCUMENTED_KEY = "x-documented"


def parse_query(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated query parameters, or a ValidationError (a 400 in the envelope).
    A parameter the endpoint reads may be given once: the schema describes
    single values, and `?page_size=5&page_size=50` has no one meaning."""
    serializer = serializer_class(data=request.query_params.dict())
    refuse_repeated(request.query_params, serializer)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def refuse_repeated(data: Any, serializer: serializers.Serializer) -> None:
    """A ValidationError naming each field of `serializer` given more than
    once in `data` (a query string or a multipart form: a QueryDict)."""
    getlist = getattr(data, "getlist", None)
    if getlist is None:
        return
    names: list[str] = list(serializer.fields)
    repeated = [name for name in names if len(getlist(name)) > 1]
    if repeated:
        # Translators: API error on a query or form parameter sent twice (?page_size=5&page_size=9).
        message = _("Give this parameter once.")
        raise serializers.ValidationError({name: [message] for name in repeated})


def parse_body(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated JSON body, or a ValidationError (a 400 in the envelope)."""
    serializer = serializer_class(data=request.data)
    errors = json_type_errors(serializer, request.data)
    if errors:
        raise serializers.ValidationError(errors)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class BlankPassesThrough:
    """A CharField whose `allow_blank=True` hands a blank value (or only
    spaces) on as it is, for the service to refuse or accept, without
    drf-spectacular seeing `allow_blank` (it would add "or an empty string"
    to a schema that says otherwise)."""

    def __init__(self, **kwargs) -> None:
        self.blank_passes = kwargs.pop("allow_blank", False)
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        if self.blank_passes and isinstance(data, str) and not data.strip():
            return data
        return super().run_validation(data)


def documented_as(field_class: type[serializers.CharField], schema: dict) -> type:
    """`field_class` described in the OpenAPI schema as `schema` instead of
    what drf-spectacular infers, for an input whose real rules live in a
    service (which gives the precise, translated message and names every
    wrong field at once): the schema states those rules, the serializer
    only caps what is parsed."""
    documented = type(f"Documented{field_class.__name__}", (BlankPassesThrough, field_class), {})
    # drf-spectacular adds its own constraints beside (minLength from
    # allow_blank, maxLength from max_length): apps.api.schema's hook puts
    # back exactly the declared ones (DOCUMENTED_KEY).
    return extend_schema_field({**schema, DOCUMENTED_KEY: schema})(documented)


def json_type_errors(serializer: serializers.Serializer, data: Any) -> dict[str, list]:
    """{field: [error]} for each value of `data` whose JSON type is not the
    one its field's schema states (the messages are DRF's own, translated).
    Values of the right type are left to the serializer's validation."""
    if not isinstance(data, Mapping):
        return {}  # the serializer answers "expected a dictionary"
    errors: dict[str, list] = {}
    for name, field in serializer.fields.items():
        if field.read_only or name not in data:
            continue
        key = _wrong_type(field, data[name])
        if key is not None:
            errors[name] = [serializers.ErrorDetail(_message(field, key, data[name]), code=key)]
    return errors


def _wrong_type(field: serializers.Field, value: Any) -> str | None:
    """The error key of `field` when `value` has the wrong JSON type, else None."""
    if value is None:
        return None  # allow_null decides
    if isinstance(field, serializers.ChoiceField):
        keys = list(field.choices)
        if keys and all(_is_int(key) for key in keys) and not _is_int(value):
            return "invalid_choice"
        if keys and all(isinstance(key, str) for key in keys) and not isinstance(value, str):
            return "invalid_choice"
        return None
    if isinstance(field, serializers.CharField):
        return None if isinstance(value, str) else "invalid"
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else "invalid"
    if isinstance(field, serializers.IntegerField):
        return None if _is_int(value) else "invalid"
    if isinstance(field, serializers.ListField):
        if not isinstance(value, list):
            return "not_a_list"
        child_errors = [_wrong_type(field.child, item) for item in value]
        return next((key for key in child_errors if key is not None), None)
    return None


def _message(field: serializers.Field, key: str, value: Any) -> str:
    if isinstance(field, serializers.ListField) and key != "not_a_list":
        field = field.child
    message = field.error_messages[key]
    if key == "invalid_choice":
        return message.format(input=value)
    if key == "not_a_list":
        return message.format(input_type=type(value).__name__)
    return str(message)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
