from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Follow, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "display_name",
        "language",
        "timezone",
        "follower_count",
        "following_count",
        "karma_total",
        "created",
        "view_on_site_link",
    )
    list_select_related = ("user",)
    list_filter = ("language", "created")
    search_fields = ("user__username", "user__email", "display_name")
    readonly_fields = (
        "follower_count",
        "following_count",
        "post_karma",
        "comment_karma",
        "created",
        "updated",
    )
    raw_id_fields = ("user",)
    show_full_result_count = False

    # Translators: A noun: a member's points from votes on their posts and comments.
    @admin.display(description=_("karma"))
    def karma_total(self, obj: Profile) -> int:
        return obj.karma

    # Translators: Admin column (a noun): link to the member's page on the site.
    @admin.display(description=_("public page"))
    def view_on_site_link(self, obj: Profile) -> str:
        url = reverse("profiles:detail", args=[obj.user.username])
        # Translators: Admin link text (a verb, imperative): open the page on the site.
        return format_html('<a href="{}">{}</a>', url, _("view"))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("follower", "followee", "created")
    list_select_related = ("follower", "followee")
    search_fields = ("follower__username", "followee__username")
    raw_id_fields = ("follower", "followee")
    date_hierarchy = "created"
    show_full_result_count = False
