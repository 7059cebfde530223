"""Staff moderators' admin for posts and votes.

Counters (score, votes, comment count, hot) are read-only here: they are
only ever changed by the services. A body edited here is sanitized again
before it is stored.
"""

from django.contrib import admin

from apps.core.html import html_to_text, sanitize_post_html

from .models import Post, PostVote


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "community",
        "author",
        "score",
        "comment_count",
        "is_deleted",
        "is_removed",
        "is_locked",
        "is_pinned",
        "created",
    )
    list_filter = ("is_removed", "is_deleted", "is_locked", "is_pinned", "created")
    search_fields = ("title", "community__slug", "author__username")
    list_select_related = ("community", "author")
    autocomplete_fields = ("community", "tags")
    raw_id_fields = ("author",)
    readonly_fields = (
        "slug",
        "score",
        "upvotes",
        "downvotes",
        "comment_count",
        "hot",
        "created",
        "edited_at",
        "deleted_at",
        "last_activity_at",
        "body_text",
    )
    ordering = ("-created",)
    date_hierarchy = "created"
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        obj.body_html = sanitize_post_html(obj.body_html)
        obj.body_text = html_to_text(obj.body_html)
        super().save_model(request, obj, form, change)


@admin.register(PostVote)
class PostVoteAdmin(admin.ModelAdmin):
    """Read-only: a vote changed here would leave the post's counters and the
    author's karma wrong. Votes change through apps.posts.services.post_vote."""

    list_display = ("post", "user", "value", "created")
    list_filter = ("value", "created")
    search_fields = ("user__username", "post__title")
    list_select_related = ("post", "user")
    raw_id_fields = ("post", "user")
    ordering = ("-created",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
