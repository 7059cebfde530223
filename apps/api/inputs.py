"""What an API view reads from its request: the query string and the JSON
body, each validated by a DRF serializer. A refused input raises DRF's
ValidationError, which apps.api.errors answers with a 400 in the envelope."""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request


def parse_query(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated query parameters, or a ValidationError (a 400 in the envelope)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def parse_body(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """The validated JSON body, or a ValidationError (a 400 in the envelope)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
