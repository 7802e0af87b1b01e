"""Walking the URL configuration: every named URL with its view."""

from django.urls import URLPattern, URLResolver, get_resolver


def all_url_patterns(resolver=None, namespace=""):
    """Yields (`namespace:name`, pattern) for every URL in the configuration."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from all_url_patterns(entry, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield name, entry
