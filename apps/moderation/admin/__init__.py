"""The Django admin for staff moderators.

All moderation logic stays in apps.moderation.services: this package
registers the admin of reports, the log and suspensions, and re-registers the
admins of posts, comments, bans and users (unregister + subclass, so those
apps' admin.py files stay as they are) with bulk actions and forms that call
the same services as the site. Moderation fields are read-only in every
change form: they change through the actions, which check the same policies
and write the same log. One module per subject; `shared` holds `_apply`.

Staff moderators (the "Moderators" group, see migration 0002) cannot edit
superusers, staff accounts, groups, permissions or site settings; the User
admin is restricted accordingly for anyone who is not a superuser.

Lists stay fast on a million rows: show_full_result_count = False (no
COUNT(*) of the whole table), a paginator that stops counting at 10,000, no
facet counts and no date hierarchy (both scan every row), filters on indexed
columns, list_select_related for every column shown (no per-row queries:
tests pin the counts). The Post and Comment filters on is_removed and the
like are booleans without an index of their own (their tables belong to
apps.posts and apps.comments): partial indexes there would make them cheap.
"""

from . import bans, comments, log, posts, reports, suspensions, users

__all__ = ["bans", "comments", "log", "posts", "reports", "suspensions", "users"]
