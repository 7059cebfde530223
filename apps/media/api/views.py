"""API view of images: upload one for a post's body (multipart). The same
service as the editor's upload (apps.media.services.image_upload)."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.inputs import refuse_repeated
from apps.api.permissions import MEMBERS_ONLY
from apps.core.ratelimit import client_ip

from .. import services
from .serializers import ImageSerializer, ImageUploadSerializer

TAG = "images"


class ImageUpload(APIView):
    permission_classes = MEMBERS_ONLY
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="images_upload",
        summary="Upload an image for a post",
        description=(
            "Multipart, field `file` (and optional `alt`). The image is checked before it "
            "is decoded (size, pixels, longest side), then re-encoded as WebP without any "
            "metadata, turned upright, with narrower copies for `srcset`. Put "
            '`<img src="{url}" alt="…">` in a post\'s body (only our own image URLs are '
            "kept there); an image no post uses within a day is deleted. Rate-limited "
            "like other writes (429)."
        ),
        tags=[TAG],
        request={"multipart/form-data": ImageUploadSerializer},
        responses={201: ImageSerializer},
        examples=[
            OpenApiExample(
                "An image and its description",
                request_only=True,
                media_type="multipart/form-data",
                value={"file": "(the image file)", "alt": "A tomato plant under a lamp"},
            ),
            OpenApiExample(
                "Uploaded",
                response_only=True,
                value={
                    "id": 42,
                    "url": "https://quorum.example/media/images/3f/3f2a….webp",
                    "width": 1600,
                    "height": 1200,
                    "alt": "A tomato plant under a lamp",
                    "srcset": "https://quorum.example/media/images/3f/3f2a…-320.webp 320w, …",
                },
            ),
        ],
    )
    def post(self, request):
        serializer = ImageUploadSerializer(data=request.data)
        refuse_repeated(request.data, serializer)
        serializer.is_valid(raise_exception=True)
        image = services.image_upload(
            uploader=request.user,
            file=serializer.validated_data["file"],
            alt=serializer.validated_data["alt"],
            client_ip=client_ip(request),
        )
        body = ImageSerializer(image, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)
