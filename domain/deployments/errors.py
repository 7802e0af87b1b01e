class DeploymentRefused(Exception):
    """A change to a deployment that the rules do not allow. The message says why, in words a
    person can act on; nothing has been changed."""
