"""Taking part, one module per subject: rounds (and phases, questionnaires), what every
contribution shares, comments, written submissions and questionnaire responses, moderation,
notifications, following, the kept comment counts and campaigns."""

from .campaigns import *  # noqa: F401,F403
from .comments import *  # noqa: F401,F403
from .contributions import *  # noqa: F401,F403
from .counts import *  # noqa: F401,F403
from .follows import *  # noqa: F401,F403
from .moderation import *  # noqa: F401,F403
from .notifications import *  # noqa: F401,F403
from .rounds import *  # noqa: F401,F403
from .submissions import *  # noqa: F401,F403
