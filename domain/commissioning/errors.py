"""Refusals of commissioning's services, in words a person can act on."""


class CommissioningRefused(ValueError):
    """The change cannot be made as asked; the message says why."""


class RequestInvalid(CommissioningRefused):
    """A request lacks what matching needs: `errors` maps each field to its GOV.UK-style message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(errors.values()))
