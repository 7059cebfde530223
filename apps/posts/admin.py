"""Staff admin for posts and votes: find, read, and (administrators only)
correct a post's words, through the services like every other write.

Only the title, body, link and tags of a standing post are editable, and
only by superusers (`policies.staff_edit_refusal`); saving calls
`services.post_staff_update`, which sanitizes the body, keeps the tag
counters right and sends `post_updated` (so the cached feeds turn over).
Everything a service keeps consistent is read-only: counters (score, votes,
comment count, hot rank), the community and author (post counts), the slug,
and the moderation state, which changes through apps.moderation's actions.
Posts are neither added nor deleted here: a post is a member's (post_create
checks who may post and rate-limits), and a hard delete would take its
comments and leave every counter wrong; authors delete, moderators remove.
"""

from django import forms
from django.contrib import admin

from . import policies, services
from .models import Post, PostVote

# What an administrator may correct; the rest of the row belongs to the services.
EDITABLE_FIELDS = ("title", "body_html", "link", "tags")


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
    autocomplete_fields = ("tags",)
    fields = (
        "community",
        "author",
        "title",
        "slug",
        "body_html",
        "body_text",
        "link",
        "tags",
        "score",
        "upvotes",
        "downvotes",
        "comment_count",
        "hot",
        "created",
        "edited_at",
        "last_activity_at",
        "is_deleted",
        "deleted_at",
        "is_removed",
        "removal_reason",
        "is_locked",
        "is_pinned",
    )
    ordering = ("-created",)
    date_hierarchy = "created"
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        editable = obj is not None and not obj.is_deleted
        if editable and policies.staff_edit_refusal(request.user) is None:
            return tuple(name for name in self.fields if name not in EDITABLE_FIELDS)
        return self.fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class ServiceCheckedForm(form):
            def clean(self):
                # The service's own input rules, so that its refusals land on
                # the fields here instead of failing in save_model.
                cleaned = super().clean()
                if not self.errors and set(EDITABLE_FIELDS) <= set(self.fields):
                    try:
                        services.clean_post_input(**_service_input(cleaned))
                    except forms.ValidationError as error:
                        for field, errors in error.error_dict.items():
                            self.add_error("body_html" if field == "body" else field, errors)
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj: Post, form, change: bool) -> None:
        if not form.has_changed():
            return
        saved = services.post_staff_update(
            actor=request.user, post=obj, **_service_input(form.cleaned_data)
        )
        for field in ("title", "body_html", "body_text", "link", "edited_at"):
            setattr(obj, field, getattr(saved, field))

    def save_related(self, request, form, formsets, change: bool) -> None:
        # Tags were saved by the service (with their counters): no form.save_m2m().
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


def _service_input(cleaned: dict) -> dict:
    """The change form's values as post_staff_update's arguments."""
    return {
        "title": cleaned.get("title", ""),
        "body": cleaned.get("body_html", ""),
        "link": cleaned.get("link", ""),
        "tags": [tag.slug for tag in cleaned.get("tags", [])],
    }


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
