"""Taking part (participation), moderation and notifications."""

from .counts import *  # noqa: F401,F403
from .moderation import *  # noqa: F401,F403
from .notifications import *  # noqa: F401,F403
from .participation import *  # noqa: F401,F403
