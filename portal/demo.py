"""Demo people and organizations for `manage.py loaddemo`. Never run in production."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles
from .models import (
    EcosocStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    RegionalGroup,
    User,
)
from .services import states_load

DEMO_PASSWORD = "solidarity-demo-2026"

# Non-State organizations for the demo. Real intergovernmental bodies keep their real names;
# civil-society organizations are made up and say so, so no real NGO is shown saying anything.
DEMO_ORGANIZATIONS = [
    {
        "name_en": "European Union",
        "name_fr": "Union européenne",
        "name_es": "Unión Europea",
        "name_ru": "Европейский союз",
        "name_ar": "الاتحاد الأوروبي",
        "name_zh_hans": "欧洲联盟",
        "acronym": "EU",
        "kind": OrganizationKind.GROUP_OF_STATES,
    },
    {
        "name_en": "African Union",
        "name_fr": "Union africaine",
        "name_es": "Unión Africana",
        "name_ru": "Африканский союз",
        "name_ar": "الاتحاد الأفريقي",
        "name_zh_hans": "非洲联盟",
        "acronym": "AU",
        "kind": OrganizationKind.IGO,
        "regional_group": RegionalGroup.AFRICAN,
    },
    {
        "name_en": "United Nations Development Programme",
        "name_fr": "Programme des Nations Unies pour le développement",
        "name_es": "Programa de las Naciones Unidas para el Desarrollo",
        "name_ru": "Программа развития Организации Объединенных Наций",
        "name_ar": "برنامج الأمم المتحدة الإنمائي",
        "name_zh_hans": "联合国开发计划署",
        "acronym": "UNDP",
        "kind": OrganizationKind.UN_ENTITY,
    },
    {
        "name_en": "Demo National Human Rights Commission (fictional)",
        "acronym": "DNHRC",
        "kind": OrganizationKind.NHRI,
        "country": "KE",
        "regional_group": RegionalGroup.AFRICAN,
    },
    {
        "name_en": "Demo Solidarity Network (fictional NGO)",
        "acronym": "DSN",
        "kind": OrganizationKind.NGO,
        "country": "PH",
        "regional_group": RegionalGroup.ASIA_PACIFIC,
        "ecosoc_status": EcosocStatus.SPECIAL,
    },
    {
        "name_en": "Demo Rights Forum (fictional NGO)",
        "acronym": "DRF",
        "kind": OrganizationKind.NGO,
        "country": "AR",
        "regional_group": RegionalGroup.GRULAC,
        "ecosoc_status": EcosocStatus.GENERAL,
    },
]

# (email, display name, role groups, staff, [("state:ISO" or an acronym, membership role)])
DEMO_ACCOUNTS = [
    ("admin@example.org", "Demo superuser", [], True, []),
    ("secretariat@example.org", "Demo secretariat officer", [roles.SECRETARIAT], True, []),
    ("drafter@example.org", "Demo drafter", [roles.DRAFTERS], True, []),
    ("delegate.brazil@example.org", "Demo delegate of Brazil", [], False, [("state:BR", MembershipRole.FOCAL_POINT)]),
    ("delegate.ethiopia@example.org", "Demo delegate of Ethiopia", [], False, [("state:ET", MembershipRole.DELEGATE)]),
    (
        "delegate.cyprus@example.org",
        "Demo delegate of Cyprus, also for the European Union",
        [],
        False,
        [("EU", MembershipRole.DELEGATE), ("state:CY", MembershipRole.DELEGATE)],
    ),
    ("ngo@example.org", "Demo NGO representative", [], False, [("DSN", MembershipRole.FOCAL_POINT)]),
    ("nhri@example.org", "Demo NHRI staff member", [], False, [("DNHRC", MembershipRole.MEMBER)]),
    ("expert@example.org", "Demo independent expert", [], False, [(None, MembershipRole.EXPERT)]),
]


def _organization(reference):
    if reference is None:
        return None  # an independent expert speaks in their personal capacity
    kind, _sep, code = reference.rpartition(":")
    if kind == "state":
        return Organization.objects.states().get(country=code)
    return Organization.objects.get(acronym=code)


@transaction.atomic
def people_load():
    """Create the demo organizations and accounts; running it twice changes nothing."""
    states_load()
    for values in DEMO_ORGANIZATIONS:
        values = dict(values, verified=True)
        Organization.objects.get_or_create(acronym=values.pop("acronym"), defaults=values)
    accounts = []
    for email, name, role_names, staff, memberships in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "is_staff": staff, "is_superuser": email.startswith("admin@")},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        user.groups.add(*Group.objects.filter(name__in=role_names))
        for reference, role in memberships:
            Membership.objects.get_or_create(
                user=user,
                organization=_organization(reference),
                defaults={"role": role, "status": MembershipStatus.APPROVED},
            )
        if role_names or user.is_superuser:
            _give_demo_second_factor(user)
        accounts.append((email, name))
    return accounts


# Staff accounts must use a second factor. The demo gives them a TOTP authenticator with this
# published secret (any authenticator app, or `oathtool --totp -b SECRET`); under `make run`
# the development-only code 000000 also passes.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def _give_demo_second_factor(user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
