from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.api.pagination import PageQuery


class TagSerializer(serializers.Serializer):
    """A tag. Its post count is not shown: it would reveal activity in
    private communities."""

    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The tag's page on the site.")

    @extend_schema_field(serializers.CharField())
    def get_url(self, tag) -> str:
        request = self.context.get("request")
        path = tag.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class TagQuery(PageQuery):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="Only tags whose slug starts with this text.",
    )
