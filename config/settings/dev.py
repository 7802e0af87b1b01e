"""Local development: the embedded SQLite database and the demo region."""

from .base import *  # noqa: F403

DEBUG = True
