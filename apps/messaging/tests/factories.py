"""Messages for tests, sent the way members send them (message_send)."""

from apps.messaging.models import Message
from apps.messaging.services import message_send


def send(sender, recipient, body: str = "Hello there") -> Message:
    return message_send(sender=sender, recipient=recipient, body=body)
