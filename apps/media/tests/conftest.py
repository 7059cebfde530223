import pytest


@pytest.fixture(autouse=True)
def _media_in_scratch(settings, tmp_path):
    """Each test writes its files to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
