"""The states and kinds of taking part, for templates to compare with by name
(`comment.state == ModerationState.PUBLISHED`) instead of repeating their values."""

from .models import CommentKind, Confidentiality, ModerationAction, ModerationState, ResponseStatus, RoundState


def choices(request):
    return {
        "CommentKind": CommentKind,
        "Confidentiality": Confidentiality,
        "ModerationAction": ModerationAction,
        "ModerationState": ModerationState,
        "ResponseStatus": ResponseStatus,
        "RoundState": RoundState,
    }
