"""Pages render under production's static files storage (issue 12): the manifest knows files, not
folders, so GOV.UK Frontend's asset path (icons, the web app manifest) is built from STATIC_URL
rather than looked up in the manifest, which answered every page, error pages included, with 500."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.directory_web.builders import alliance

pytestmark = pytest.mark.django_db

# As production stores its static files (whitenoise's CompressedManifestStaticFilesStorage is this
# storage plus compressed copies, and answers the same for a name the manifest lacks).
MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """collectstatic once, into a temporary STATIC_ROOT, as a deployment runs it."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def manifest_storage(collected, settings) -> Path:
    settings.STATIC_ROOT = collected
    settings.STORAGES = MANIFEST
    return collected


def _links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}"[^>]*? href="([^"]+)"', html)


@pytest.mark.parametrize(
    ("url_name", "status"),
    [("public:start", 200), ("accounts:sign-in", 200), ("directory:search", 200)],
)
def test_pages_render_with_the_manifest_storage(client, manifest_storage, url_name, status):
    response = client.get(reverse(url_name))
    assert response.status_code == status
    # The stylesheet is the content-hashed copy, as the manifest says.
    assert re.fullmatch(
        r"/static/dist/application\.[0-9a-f]{12}\.css", _links(response.content.decode(), "stylesheet")[0]
    )


def test_the_not_found_page_renders_with_the_manifest_storage(client, manifest_storage):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_embeddable_page_renders_with_the_manifest_storage(client, manifest_storage):
    organisation = alliance("Aire Valley Alliance")
    response = client.get(reverse("directory:organisation-embed", kwargs={"organisation_id": organisation.pk}))
    assert response.status_code == 200
    assert "System leaders of Aire Valley Alliance" in response.content.decode()


def test_the_icons_the_template_links_are_collected_files(client, manifest_storage):
    html = client.get(reverse("public:start")).content.decode()
    icons = _links(html, "icon") + _links(html, "apple-touch-icon") + _links(html, "manifest")
    assert icons, "the page links no icon"
    for href in icons:
        assert href.startswith("/static/dist/assets/"), href
        assert (manifest_storage / href.removeprefix("/static/")).is_file(), f"{href} was not collected"


def test_the_asset_path_follows_static_url(settings):
    from web.common.jinja import govuk_asset_path

    assert govuk_asset_path() == "/static/dist/assets"
    settings.STATIC_URL = "https://cdn.example/s2s/"
    assert govuk_asset_path() == "https://cdn.example/s2s/dist/assets"
