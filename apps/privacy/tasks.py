"""The privacy app's background tasks (django.tasks: the database backend's
`manage.py db_worker` in production, immediate in local runs and tests)."""

from django.tasks import task

from . import exports, services


@task()
def withdraw_departed_votes(*, user_id: int) -> int:
    """Withdraw every vote of a member who deleted a large account
    (apps.privacy.services.account_delete); returns how many."""
    return services.departed_votes_withdraw(user_id=user_id)


@task()
def build_data_export(*, export_id: int) -> bool:
    """Build a member's archive and email them the link (apps.privacy.exports)."""
    return exports.export_build(export_id=export_id)
