"""Mail backends of our own.

ConsoleAndMailboxBackend prints every message (a person running `make run`
sees it) and also writes it as one `.eml` file per message under a mailbox
directory, so a browser test or a person can open the newest message and
follow its links without decoding quoted-printable console output.
"""

import threading
import time
import uuid
from pathlib import Path

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

_write_lock = threading.Lock()


class ConsoleAndMailboxBackend(ConsoleBackend):
    def __init__(self, *args, mailbox_dir: str = "var/mail", **kwargs):
        super().__init__(*args, **kwargs)
        self.mailbox_dir = Path(mailbox_dir)

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        self.mailbox_dir.mkdir(parents=True, exist_ok=True)
        with _write_lock:
            for message in email_messages:
                # Sortable names: the newest message is the last one listed.
                name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.eml"
                (self.mailbox_dir / name).write_bytes(message.message().as_bytes())
        return sent


def read_mailbox(mailbox_dir: Path) -> list:
    """Every message in a mailbox directory, oldest first, as email.message objects."""
    import email
    from email import policy

    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(Path(mailbox_dir).glob("*.eml"))
    ]
