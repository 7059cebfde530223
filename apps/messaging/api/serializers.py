"""Output and input shapes of private messages."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.inputs import NOT_BLANK_PATTERN, documented_as
from apps.profiles.api.serializers import MemberSummarySerializer

from .. import services


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    conversation_id = serializers.IntegerField(read_only=True)
    sender = serializers.CharField(source="sender.username", read_only=True)
    body_html = serializers.CharField(read_only=True, help_text="Sanitized HTML.")
    body_text = serializers.CharField(read_only=True)
    created = serializers.DateTimeField(read_only=True)
    is_own = serializers.SerializerMethodField(help_text="Whether you sent it.")

    @extend_schema_field(serializers.BooleanField())
    def get_is_own(self, message) -> bool:
        request = self.context.get("request")
        return bool(request is not None and message.sender_id == request.user.pk)


class LastMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    sender = serializers.CharField(source="sender.username", read_only=True)
    text = serializers.CharField(source="body_text", read_only=True)
    created = serializers.DateTimeField(read_only=True)


class ConversationSerializer(serializers.Serializer):
    """One conversation as its member sees it (a Participant row)."""

    id = serializers.IntegerField(source="conversation_id", read_only=True)
    member = MemberSummarySerializer(source="other", read_only=True)
    last_message = serializers.SerializerMethodField()
    last_message_at = serializers.DateTimeField(read_only=True)
    unread_count = serializers.IntegerField(read_only=True)

    @extend_schema_field(LastMessageSerializer)
    def get_last_message(self, participant) -> dict:
        message = participant.conversation.last_message
        senders = {participant.user_id: participant.user, participant.other_id: participant.other}
        message.sender = senders[message.sender_id]
        return LastMessageSerializer(message).data


# What the service accepts (it refuses a blank or too long body with its own
# message); a body that is only markup, `<script>…</script>`, is refused too.
MessageBodyField = documented_as(
    serializers.CharField,
    {"type": "string", "pattern": NOT_BLANK_PATTERN, "maxLength": services.max_length()},
)


class MessageCreateSerializer(serializers.Serializer):
    body = MessageBodyField(
        allow_blank=True,
        trim_whitespace=False,
        help_text="Plain text (blank lines: paragraphs) or HTML (the comment allowlist).",
    )


class NewMessageSerializer(MessageCreateSerializer):
    to = serializers.CharField(max_length=150, help_text="The recipient's username.")
