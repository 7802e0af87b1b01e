class TrainingRefused(Exception):
    """A change to an event or booking the rules do not allow. The message says why, in words a
    person can act on; nothing has been changed."""
