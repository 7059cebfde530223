from rest_framework import serializers

from apps.api.inputs import documented_as

from ..models import ALT_MAX_LENGTH, Image

# The service's limit is in the schema; the serializer only caps what is
# parsed, so a longer text gets the service's translated message.
AltField = documented_as(serializers.CharField, {"type": "string", "maxLength": ALT_MAX_LENGTH})


class ImageUploadSerializer(serializers.Serializer):
    # A plain file: apps.media.pipeline decides what is an image (not DRF's
    # ImageField, which would decode it before our limits are checked).
    file = serializers.FileField(
        help_text="JPEG, PNG, GIF (first frame) or WebP; re-encoded as WebP."
    )
    alt = AltField(
        required=False,
        allow_blank=True,
        default="",
        max_length=ALT_MAX_LENGTH * 4,
        help_text=f"The text alternative for people who cannot see it, at most {ALT_MAX_LENGTH}.",
    )


class ImageSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    srcset = serializers.SerializerMethodField()

    class Meta:
        model = Image
        fields = ["id", "url", "width", "height", "alt", "srcset"]

    def get_url(self, image: Image) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(image.url) if request else image.url

    def get_srcset(self, image: Image) -> str:
        """Every stored width, for an <img srcset>; absolute URLs."""
        request = self.context.get("request")
        return ", ".join(
            f"{request.build_absolute_uri(url) if request else url} {width}w"
            for url, width in image.variant_urls()
        )
