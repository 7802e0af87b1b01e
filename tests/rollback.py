"""Making a write fail part way, for the tests that show an all-or-nothing write keeps nothing."""


class WriteFailed(RuntimeError):
    """The failure a test injects into a write."""


def fail_on_call(monkeypatch, owner, name: str, call: int = 1):
    """`owner.name` works `call - 1` times, then raises WriteFailed. Returns the calls seen."""
    original = getattr(owner, name)
    seen = []

    def failing(*args, **kwargs):
        seen.append(args)
        if len(seen) >= call:
            raise WriteFailed("the disk is full")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return seen
