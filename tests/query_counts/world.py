"""The data the pages show: the consultation fixtures, and makers of more speakers, versions
and staff, for the growers of people.py, texts.py and taking_part.py."""

import itertools

from django.contrib.auth.models import Group
from django.db.models import Max

from consultations.capacities import PERSONAL
from consultations.models import Confidentiality
from drafts import services as text_services
from drafts.models import Version, VersionStatus
from portal import roles
from portal.models import MembershipRole, OrganizationKind, RegionalGroup
from tests.conftest import give_totp
from tests.consultations.fixtures import make_round
from tests.factories import MembershipFactory, OrganizationFactory, ProvisionFactory, UserFactory, VersionFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SPEAKER_KINDS = [
    OrganizationKind.NGO,
    OrganizationKind.ACADEMIC,
    OrganizationKind.NHRI,
    OrganizationKind.IGO,
    OrganizationKind.UN_ENTITY,
    OrganizationKind.GROUP_OF_STATES,
    OrganizationKind.SPECIAL_PROCEDURE,
]
PREMODERATED = [OrganizationKind.NGO, OrganizationKind.ACADEMIC]  # their contributions wait in the queue
REGIONS = list(RegionalGroup.values)
POSITIONS = ["support", "oppose", "neutral"]
CONFIDENTIALITIES = [
    Confidentiality.PUBLIC,
    Confidentiality.ANONYMOUS,
    Confidentiality.PUBLIC,
    Confidentiality.SECRETARIAT,
]
LANGUAGES = ["en", "en", "fr"]


class World:
    """The consultation fixtures, and makers of more of everything a page may list."""

    def __init__(self, fixtures):
        for name, value in fixtures.items():
            setattr(self, name, value)
        self.instrument = self.version.instrument
        self.users = {name: fixtures[name] for name in ("secretariat", "drafter", "delegate", "ngo_member")}
        self.provisions = list(self.version.provisions.order_by("position"))
        self.speakers = [
            (self.delegate, str(self.state_org.pk), self.state_org),
            (self.ngo_member, str(self.ngo.pk), self.ngo),
            (self.expert, PERSONAL, None),
        ]
        self.totals = {}  # cumulative sizes, for makers that rebuild their subject
        self.cache = {}  # objects made once, on first use
        self._numbers = itertools.count(1)
        self._new_speakers = itertools.count(0)
        self.round.premoderated_kinds = PREMODERATED
        self.round.save(update_fields=["premoderated_kinds"])

    def n(self):
        return next(self._numbers)

    def once(self, name, make):
        if name not in self.cache:
            self.cache[name] = make()
        return self.cache[name]

    def total(self, name, added):
        self.totals[name] = self.totals.get(name, 0) + added
        return self.totals[name]

    def organization(self, **fields):
        n = self.n()
        values = {
            "name_en": f"Organization {n}",
            "kind": SPEAKER_KINDS[n % len(SPEAKER_KINDS)],
            "regional_group": REGIONS[n % len(REGIONS)],
        }
        values.update(fields)
        return OrganizationFactory(**values)

    def new_speaker(self):
        """A new person with a new organization of another kind and region, or (every third) a new expert."""
        if next(self._new_speakers) % 3 == 1:
            speaker = (MembershipFactory(organization=None, role=MembershipRole.EXPERT).user, PERSONAL, None)
        else:
            organization = self.organization()
            speaker = (
                MembershipFactory(organization=organization, role=MembershipRole.MEMBER).user,
                str(organization.pk),
                organization,
            )
        self.speakers.append(speaker)
        return speaker

    def speaker(self, i):
        """Every other one new; the others taken in turn from those already there, the expert first."""
        return self.new_speaker() if i % 2 == 0 else self.speakers[(i // 2 + 2) % len(self.speakers)]

    def moderator(self):
        """A second member of the secretariat."""
        return self.once("moderator", lambda: give_totp(staff_user(roles.SECRETARIAT)))

    def later(self):
        """Version 2 of the text (published) and a round on it: comments on version 1 are then
        shown folded as comments on earlier versions."""

        def make():
            later = text_services.version_copy(version=self.version, by=self.drafter, label="Revised text")
            text_services.version_publish(version=later, by=self.drafter, untranslated_ok=True)
            return later, make_round(later, title_en="Second round")

        return self.once("later", make)

    def draft_copy(self):
        return self.once(
            "draft_copy", lambda: text_services.version_copy(version=self.version, by=self.drafter, label="Next draft")
        )

    def qround(self):
        return self.once("qround", lambda: make_round(questionnaire=self.questionnaire, title_en="Questionnaire round"))


def forget_memberships(user):
    """Memberships are cached on the user object for a request: new ones are seen after this."""
    user.__dict__.pop("_approved_memberships", None)


def staff_user(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def quick_version(instrument, status=VersionStatus.PUBLISHED, size=2):
    """A version made with the factories (faster than the services, for pages that list versions)."""
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    made = VersionFactory(instrument=instrument, number=number, label_en=f"Version {number}", symbol=f"A/HRC/{number}")
    for k in range(size):
        ProvisionFactory(
            version=made,
            text_fr=f"Paragraphe {k}." if (number + k) % 2 else "",
            text_ar="فقرة" if number % 3 == 0 else "",
        )
    Version.objects.filter(pk=made.pk).update(status=status)  # provisions are written before it is frozen
    made.status = status
    return made
