"""Signals the designation services send, so that other parts of the register (association, the
directory) follow a designation's changes without the designation app knowing about them."""

from django.dispatch import Signal

# Sent in the designating transaction after a designation is created or changes status, with
# `designation` and `event` ("created", or the workflow event: "suspend", "lapse", ...).
designation_changed = Signal()
