from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.html import html_to_text
from apps.profiles.api.serializers import MemberSummarySerializer


class RevisionSerializer(serializers.Serializer):
    """One version of an edited post or comment. Needs the row with its
    editor's profile loaded (apps.revisions.selectors) and
    `viewer_moderates` in the context: a moderator's name is shown to the
    community's moderators and staff only, as on the history page."""

    number = serializers.IntegerField(
        read_only=True, help_text="1 is the original; each edit adds the next number."
    )
    created = serializers.DateTimeField(
        read_only=True, help_text="When this version was made (the original: when published)."
    )
    editor = serializers.SerializerMethodField(
        help_text="Who made this version; null for a deleted account, or for a moderator's "
        "edit when you do not moderate the community."
    )
    by_moderator = serializers.BooleanField(
        read_only=True, help_text="Made by a moderator or an administrator, not by the author."
    )
    body_html = serializers.CharField(
        read_only=True, help_text="Sanitized HTML, as it was in this version."
    )
    body_text = serializers.SerializerMethodField(help_text="The body as plain text.")

    @extend_schema_field(MemberSummarySerializer(allow_null=True))
    def get_editor(self, revision) -> dict | None:
        if revision.editor is None:
            return None
        if revision.by_moderator and not self.context.get("viewer_moderates"):
            return None
        return MemberSummarySerializer(revision.editor, context=self.context).data

    def get_body_text(self, revision) -> str:
        return html_to_text(revision.body_html)


class PostRevisionSerializer(RevisionSerializer):
    """One version of an edited post: its title, body, link and tags then."""

    title = serializers.CharField(read_only=True)
    link = serializers.CharField(read_only=True)
    tags = serializers.ListField(
        child=serializers.CharField(),
        source="tag_list",
        read_only=True,
        help_text="Tag slugs, in alphabetical order.",
    )


class CommentRevisionSerializer(RevisionSerializer):
    """One version of an edited comment."""
