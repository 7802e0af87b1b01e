"""The Jinja2 environment: our templates, the GOV.UK Frontend macros, and a few helpers."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from domain.designation.criteria.sets import set_label
from domain.leaders.models.availability import days_words

from . import formatting


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


# GOV.UK Frontend's compiled icons, fonts and web app manifest, copied by scripts/build-assets.mjs.
GOVUK_ASSETS = "dist/assets"


def govuk_asset_path() -> str:
    """The URL of the folder of GOV.UK Frontend's assets, for the page template's `assetPath`, which
    appends file names to it (`assetPath ~ '/images/favicon.ico'`). Built from STATIC_URL, not with
    `static()`: production's manifest storage knows files, not folders, and refuses a folder (every
    page answered 500 there, issue 12). These files keep their plain names beside the hashed copies
    collectstatic makes, and WhiteNoise serves them (with a short cache lifetime)."""
    return settings.STATIC_URL + GOVUK_ASSETS


def environment(**options):
    loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")})]
    )
    options.pop("autoescape", None)
    env = Environment(extensions=["jinja2.ext.do"], autoescape=True, **options)
    env.globals.update(url=url, static=static, govuk_asset_path=govuk_asset_path, get_messages=get_messages)
    env.filters.update(
        govuk_date=formatting.govuk_date,
        govuk_datetime=formatting.govuk_datetime,
        intcomma=formatting.intcomma,
        distance=formatting.distance,
        how_many=formatting.how_many,
        criteria_set_name=set_label,
        days_words=days_words,
    )
    return env
