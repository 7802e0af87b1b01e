"""What the security tests count as an answer no cache may keep (issue 13)."""


def not_stored(response) -> bool:
    """`Cache-Control` says no-store and private: neither the browser nor a shared cache keeps it."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives
