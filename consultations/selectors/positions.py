"""Each State's part in a text beside its vote on the text's adoption: how many comments and
proposed amendments it made on the text (public ones, not withdrawn) and how many others'
contributions it co-signed (confirmed), in three queries whatever the number of States."""

from dataclasses import dataclass

from django.db.models import Count

from drafts.selectors.adoptions import votes_by_group

from ..models import Comment, CommentKind, CoSignature, CoSignatureStatus


@dataclass
class Position:
    role: object  # the State's vote (drafts.StateRole)
    comments: int
    amendments: int
    cosigned: int


def positions_of_states(*, adoption) -> list[tuple]:
    """[(regional group label, [Position])]: every State that voted, by regional group."""
    groups = votes_by_group(adoption=adoption)
    states = [role.state_id for group in groups for role in group.roles]
    instrument = adoption.version.instrument
    made = (
        Comment.objects.public()
        .filter(version__instrument=instrument, organization__in=states, withdrawn_at=None)
        .values("organization", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["organization"], row["kind"]): row["n"] for row in made}
    cosigned = (
        CoSignature.objects.filter(
            comment__in=Comment.objects.public().filter(version__instrument=instrument, withdrawn_at=None),
            organization__in=states,
            status=CoSignatureStatus.CONFIRMED,
        )
        .values("organization")
        .annotate(n=Count("pk"))
        .order_by()
    )
    joined = {row["organization"]: row["n"] for row in cosigned}
    return [
        (
            group.label,
            [
                Position(
                    role,
                    counts.get((role.state_id, CommentKind.COMMENT), 0),
                    counts.get((role.state_id, CommentKind.AMENDMENT), 0),
                    joined.get(role.state_id, 0),
                )
                for role in group.roles
            ],
        )
        for group in groups
    ]
