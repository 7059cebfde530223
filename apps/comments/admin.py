"""Comments and votes in the admin: find, read, follow links.

Every field that a service keeps consistent (path, counters, state, text) is
read-only here, and rows are neither added nor deleted by hand: a hand-made
comment has no path, a hand-deleted one leaves the post's comment count and
the parent's reply count wrong. Moderator removal arrives with the moderation
services and becomes an admin action calling them.
"""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Comment, CommentVote


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "excerpt",
        "author",
        "post",
        "community",
        "depth",
        "score",
        "reply_count",
        "is_deleted",
        "is_removed",
        "created",
    )
    list_display_links = ("id", "excerpt")
    list_filter = ("is_removed", "is_deleted", "created")
    list_select_related = ("author", "post__community")
    search_fields = ("body_text", "author__username", "post__title")
    search_help_text = _("Text of the comment, author's username or the post's title.")
    raw_id_fields = ("post", "author", "parent")
    date_hierarchy = "created"
    show_full_result_count = False
    ordering = ("-created", "-id")
    fields = (
        "post",
        "author",
        "parent",
        "link_on_site",
        "body_text",
        "body_html",
        "created",
        "edited_at",
        "is_deleted",
        "deleted_at",
        "is_removed",
        "removal_reason",
        "score",
        "upvotes",
        "downvotes",
        "reply_count",
        "depth",
        "path",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    # Translators: A noun: a comment under a post.
    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        if obj.is_deleted:
            return str(_("[deleted]"))
        return Truncator(obj.body_text).chars(80)

    @admin.display(description=_("community"), ordering="post__community__slug")
    def community(self, obj: Comment) -> str:
        return obj.post.community.slug

    @admin.display(description=_("on the site"))
    def link_on_site(self, obj: Comment) -> str:
        post = obj.post
        try:
            url = reverse(
                "comments:permalink",
                args=[post.community.slug, post.pk, post.slug or "-", obj.pk],
            )
        except NoReverseMatch:
            return "-"
        # Translators: Admin link text (a verb, imperative): open the page on the site.
        return format_html('<a href="{}#comment-{}">{}</a>', url, obj.pk, _("view"))


@admin.register(CommentVote)
class CommentVoteAdmin(admin.ModelAdmin):
    """Votes are read-only: each one is part of a score and a karma."""

    list_display = ("id", "user", "value", "comment", "created")
    list_filter = ("value", "created")
    list_select_related = ("user", "comment")
    search_fields = ("user__username", "comment__body_text")
    raw_id_fields = ("user", "comment")
    date_hierarchy = "created"
    show_full_result_count = False
    ordering = ("-created", "-id")
    readonly_fields = ("user", "comment", "value", "created")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
