"""The drafts factory: a draft saved the way the submit form saves one."""

from apps.drafts.models import Draft
from apps.drafts.services import draft_save


def make_draft(author, community, title: str = "Tomatoes in winter", **fields) -> Draft:
    return draft_save(author=author, community=community, title=title, **fields)
