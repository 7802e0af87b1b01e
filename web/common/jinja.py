"""The Jinja2 environment: our templates, the GOV.UK Frontend macros, and a few helpers."""

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from . import formatting


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [loader, PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")})]
    )
    options.pop("autoescape", None)
    env = Environment(extensions=["jinja2.ext.do"], autoescape=True, **options)
    env.globals.update(url=url, static=static, get_messages=get_messages)
    env.filters.update(
        govuk_date=formatting.govuk_date,
        govuk_datetime=formatting.govuk_datetime,
        intcomma=formatting.intcomma,
        distance=formatting.distance,
    )
    return env
