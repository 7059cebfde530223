"""Signals apps.messaging sends after the transaction commits
(apps.core.events.send_after_commit), for higher apps (notifications) to
subscribe to in their AppConfig.ready().

    message_sent(sender=Message, message, conversation, actor, recipient, community_id=None)
        `actor` wrote `message` to `recipient` (never someone who blocked
        them: the service refuses that before anything is stored).
"""

from django.dispatch import Signal

message_sent = Signal()
