from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as

from ..models import REASON_MAX_LENGTH

# Generous: the services give the precise, translated message. The schema
# states their rule (documented_as).
REASON_INPUT_MAX = REASON_MAX_LENGTH * 4
ReasonField = documented_as(
    serializers.CharField, {"type": "string", "maxLength": REASON_MAX_LENGTH}
)
RequiredReasonField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": REASON_MAX_LENGTH},
)


class ReasonSerializer(serializers.Serializer):
    reason = ReasonField(
        required=False,
        allow_blank=True,
        default="",
        max_length=REASON_INPUT_MAX,
        help_text="Shown to the author and in the moderation log.",
    )


class RequiredReasonSerializer(serializers.Serializer):
    # Blank (or only spaces) is refused by the service, with its message.
    reason = RequiredReasonField(
        allow_blank=True,
        max_length=REASON_INPUT_MAX,
        help_text="Required: shown to the author and in the moderation log.",
    )


class BanSerializer(ReasonSerializer):
    member = serializers.CharField(max_length=150, help_text="The member's username.")
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Null or left out: for good."
    )


class UnbanSerializer(ReasonSerializer):
    member = serializers.CharField(max_length=150, help_text="The member's username.")


class BanResultSerializer(serializers.Serializer):
    member = serializers.CharField(source="user.username", read_only=True)
    reason = serializers.CharField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True, allow_null=True)
    created = serializers.DateTimeField(read_only=True)
