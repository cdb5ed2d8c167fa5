"""Synthetic, reproducible load for benchmarks: a text in six languages, organizations of every
kind and region, one open round, and as many comments as asked, with amendments, replies and
every moderation state. The words are drawn from small per-language vocabularies: nothing
here pretends to be a UN text (the instrument is titled "Load test").

Benchmark tooling, not the product: it builds rows in bulk (and sessions by hand, for the
writers), bypassing the services, then recounts what the services would have kept.
`python bench/generate_load.py` is its command line; `make bench`, `make fault-test` and the
deployment tests call it."""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from consultations.models import Comment, CommentKind, Confidentiality, ModerationState, Position, Round
from consultations.services import comment_counts_rebuild
from drafts.models import Instrument, Provision, Version, VersionStatus
from portal.models import (
    EcosocStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    RegionalGroup,
    User,
)

# Sizes accepted: anything larger is a typing mistake, not a benchmark.
LIMITS = {"provisions": (1, 10_000), "comments": (0, 50_000_000), "organizations": (1, 100_000), "versions": (1, 20)}
LOAD_SLUG = "load-test-{seed}"
BATCH = 20_000

VOCABULARY = {
    "en": [
        "solidarity",
        "international",
        "cooperation",
        "rights",
        "states",
        "peoples",
        "development",
        "duty",
        "obligation",
        "principle",
        "shall",
        "everyone",
        "declaration",
        "right",
        "protect",
        "promote",
        "assistance",
        "shared",
        "responsibility",
        "common",
        "future",
        "dignity",
        "equality",
    ],
    "fr": [
        "solidarité",
        "internationale",
        "coopération",
        "droits",
        "États",
        "peuples",
        "développement",
        "devoir",
        "obligation",
        "principe",
        "toute",
        "personne",
        "déclaration",
        "droit",
        "protéger",
        "promouvoir",
        "assistance",
        "responsabilité",
        "partagée",
        "avenir",
        "dignité",
        "égalité",
    ],
    "es": [
        "solidaridad",
        "internacional",
        "cooperación",
        "derechos",
        "Estados",
        "pueblos",
        "desarrollo",
        "deber",
        "obligación",
        "principio",
        "toda",
        "persona",
        "declaración",
        "derecho",
        "proteger",
        "promover",
        "asistencia",
        "responsabilidad",
        "compartida",
        "futuro",
        "dignidad",
        "igualdad",
    ],
    "ru": [
        "солидарность",
        "международное",
        "сотрудничество",
        "права",
        "государства",
        "народы",
        "развитие",
        "обязанность",
        "обязательство",
        "принцип",
        "каждый",
        "декларация",
        "право",
        "защищать",
        "поощрять",
        "помощь",
        "ответственность",
        "общее",
        "будущее",
        "достоинство",
        "равенство",
    ],
    "ar": [
        "التضامن",
        "الدولي",
        "التعاون",
        "حقوق",
        "الدول",
        "الشعوب",
        "التنمية",
        "واجب",
        "التزام",
        "مبدأ",
        "لكل",
        "شخص",
        "إعلان",
        "الحق",
        "حماية",
        "تعزيز",
        "المساعدة",
        "المسؤولية",
        "المشتركة",
        "المستقبل",
        "الكرامة",
        "المساواة",
    ],
    "zh-hans": list("国际团结合作权利国家人民发展义务原则人人宣言保护促进援助共同责任未来尊严平等"),
}
LANGUAGES = list(VOCABULARY)
STATE_WEIGHTS = [
    (ModerationState.PUBLISHED, 80),
    (ModerationState.PENDING, 10),
    (ModerationState.REJECTED, 5),
    (ModerationState.HIDDEN, 5),
]


def sentence(rng, language, words):
    chosen = rng.choices(VOCABULARY[language], k=words)
    joiner = "" if language == "zh-hans" else " "
    return joiner.join(chosen) + ("。" if language == "zh-hans" else ".")


class LoadRefused(Exception):
    """The sizes asked for are out of bounds, or the database holds real contributions."""


def generate_load(
    *, provisions=120, comments=10_000, organizations=200, versions=1, seed=1, force=False, out=lambda message: None
):
    """Check the sizes and the database, then generate (once per seed). Returns the instrument,
    or None when this seed is already loaded; `out` receives the progress lines."""
    sizes = {"provisions": provisions, "comments": comments, "organizations": organizations, "versions": versions}
    for name, (low, high) in LIMITS.items():
        if not low <= sizes[name] <= high:
            raise LoadRefused(f"--{name} must be between {low:,} and {high:,} (got {sizes[name]:,}).")
    if production_data_present() and not force:
        raise LoadRefused(
            "This database holds real contributions and DEBUG is off: refusing to add synthetic data. "
            "Use a copy, or --force if you really mean it."
        )
    if already_loaded(seed):
        out(f"Seed {seed} is already loaded: nothing to do.")
        return None
    started = time.monotonic()
    instrument = generate(**sizes, seed=seed, progress=lambda message: out(f"  {message}"))
    out(f"Loaded {instrument.slug} in {time.monotonic() - started:.1f} s.")
    return instrument


def already_loaded(seed):
    return Instrument.objects.filter(slug=LOAD_SLUG.format(seed=seed)).exists()


def generate(*, provisions, comments, organizations, versions=1, seed=1, progress=lambda message: None):
    rng = random.Random(seed)
    with transaction.atomic():
        instrument, latest = _texts(rng, seed, provisions, versions)
        people = _people(rng, seed, organizations)
        now = timezone.now()
        round = Round.objects.create(
            version=latest,
            title_en=f"Load test round {seed}",
            opens_at=now - timedelta(days=30),
            closes_at=now + timedelta(days=30),
            audience_kinds=list(OrganizationKind.values),
            audience_experts=True,
        )
    progress(f"texts and {len(people)} organizations ready")
    provision_ids = list(latest.provisions.values_list("pk", flat=True)) + [None]
    texts = {p.pk: p.text_en for p in latest.provisions.all()}
    inserted = 0
    while inserted < comments:
        size = min(BATCH, comments - inserted)
        rows = [_comment(rng, round, latest, provision_ids, texts, people, now, inserted + n) for n in range(size)]
        _insert(rows)
        inserted += size
        progress(f"{inserted} comments")
    _replies(rng, round, latest, people, now, comments // 10)
    comment_counts_rebuild(versions=[latest])  # bulk inserts bypass the services that keep counts
    progress("comment counts rebuilt")
    return instrument


def _texts(rng, seed, count, versions):
    instrument = Instrument.objects.create(slug=LOAD_SLUG.format(seed=seed), title_en=f"Load test {seed}")
    previous = None
    keys = [f"k{seed}x{n}" for n in range(count)]
    for number in range(1, versions + 1):
        version = Version.objects.create(
            instrument=instrument,
            number=number,
            label_en=f"Load version {number}",
            original_language="en",
            status=VersionStatus.EDITING,
            based_on=previous,
        )
        rows = []
        for n in range(count):
            values = {f"text_{code.replace('-', '_')}": sentence(rng, code, rng.randint(12, 40)) for code in LANGUAGES}
            kind = "preamble" if n < count // 5 else "operative"
            label = f"PP{n + 1}" if kind == "preamble" else str(n + 1 - count // 5)
            rows.append(Provision(version=version, position=n + 1, kind=kind, label=label, key=keys[n], **values))
        Provision.objects.bulk_create(rows, batch_size=1000)
        Version.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLISHED, published_at=timezone.now())
        if previous:
            Version.objects.filter(pk=previous.pk).update(status=VersionStatus.SUPERSEDED)
        previous = version
    return instrument, Version.objects.get(pk=previous.pk)


def _people(rng, seed, count):
    """[(user id, organization id or None)]: one delegate per organization, some experts."""
    kinds = [k for k in OrganizationKind.values if k not in OrganizationKind.states()] + ["member_state"] * 3
    groups = RegionalGroup.values
    organizations = Organization.objects.bulk_create(
        Organization(
            name_en=f"Load organization {seed}-{n}",
            acronym=f"L{seed}-{n}"[:40],
            kind=rng.choice(kinds) if rng.random() > 0.3 else "ngo",
            regional_group=rng.choice(groups),
            ecosoc_status=rng.choice(EcosocStatus.values),
            verified=True,
        )
        for n in range(count)
    )
    # States are unique per country; load organizations of kind member_state carry no country.
    users = User.objects.bulk_create(
        User(
            email=f"load{seed}-{n}@example.invalid",
            display_name=f"Load delegate {n}",
            password="!",
            preferred_language=rng.choice(LANGUAGES),
        )
        for n in range(count + max(1, count // 20))
    )
    memberships = [
        Membership(user=user, organization=organization, role=MembershipRole.DELEGATE, status=MembershipStatus.APPROVED)
        for user, organization in zip(users, organizations, strict=False)
    ] + [
        Membership(user=user, organization=None, role=MembershipRole.EXPERT, status=MembershipStatus.APPROVED)
        for user in users[count:]
    ]
    Membership.objects.bulk_create(memberships)
    return [(m.user.pk, m.organization.pk if m.organization else None) for m in memberships]


def _comment(rng, round, version, provision_ids, texts, people, now, n):
    author, organization = rng.choice(people)
    provision = rng.choice(provision_ids)
    language = rng.choice(LANGUAGES)
    amendment = provision is not None and rng.random() < 0.1
    created = now - timedelta(seconds=rng.randint(0, 30 * 86400))
    return {
        "round_id": round.pk,
        "version_id": version.pk,
        "provision_id": provision,
        "parent_id": None,
        "depth": 0,
        "kind": CommentKind.AMENDMENT if amendment else rng.choice([CommentKind.COMMENT] * 9 + [CommentKind.QUESTION]),
        "position": rng.choice(Position.values),
        "text": sentence(rng, language, rng.randint(8, 60)),
        "proposed_text": (texts[provision] + " " + sentence(rng, "en", 6)) if amendment else "",
        "language": language,
        "author_id": author,
        "organization_id": organization,
        "confidentiality": rng.choices(Confidentiality.values, weights=[85, 10, 5])[0],
        "state": rng.choices([s for s, _w in STATE_WEIGHTS], weights=[w for _s, w in STATE_WEIGHTS])[0],
        "created_at": created,
        "updated_at": created,
        **UNTOUCHED_COMMENT,
    }


# The columns of a comment no one has edited, moderated with a reason or decided on yet.
UNTOUCHED_COMMENT = {
    "on_behalf_note": "",
    "moderation_reason": "",
    "edit_count": 0,
    "outcome": "",
    "outcome_note": "",
    "client_token": "",
}


COLUMNS = [
    "round_id",
    "version_id",
    "provision_id",
    "parent_id",
    "depth",
    "kind",
    "position",
    "text",
    "proposed_text",
    "language",
    "author_id",
    "organization_id",
    "on_behalf_note",
    "confidentiality",
    "state",
    "moderation_reason",
    "edit_count",
    "outcome",
    "outcome_note",
    "client_token",
    "created_at",
    "updated_at",
]


def _insert(rows):
    """PostgreSQL: COPY (a million rows in well under a minute); elsewhere bulk_create."""
    if connection.vendor == "postgresql":
        table = Comment._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([row[column] for column in COLUMNS])
    else:
        Comment.objects.bulk_create([Comment(**row) for row in rows], batch_size=2000)


def _replies(rng, round, version, people, now, count):
    """Replies to the first `count` published comments (their ids are only known once stored)."""
    parents = Comment.objects.filter(round=round, parent=None, state=ModerationState.PUBLISHED).order_by("pk")
    rows = []
    for parent in parents.values("pk", "provision_id", "created_at")[:count]:
        row = _comment(rng, round, version, [None], {}, people, now, 0)
        answered = parent["created_at"] + timedelta(hours=1)
        row.update(
            parent_id=parent["pk"],
            depth=1,
            provision_id=parent["provision_id"],
            created_at=answered,
            updated_at=answered,
        )
        rows.append(row)
    for start in range(0, len(rows), BATCH):
        _insert(rows[start : start + BATCH])


def production_data_present():
    """A database that holds real contributions (not generated ones)."""
    return not settings.DEBUG and Comment.objects.exclude(round__title_en__startswith="Load test round").exists()


def signed_in_writers(organizations, tag):
    """One accredited delegate per organization, each with a server-side session and a CSRF
    cookie/token pair (what a signed-in browser holds): for the benchmarks and the fault test,
    which post comments over HTTP. `tag` makes their addresses unique to the run."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    store = import_module(settings.SESSION_ENGINE).SessionStore
    writers = []
    for n, organization in enumerate(organizations):
        user = User.objects.create(email=f"{tag}-{n}@example.invalid", display_name=f"Writer {tag}-{n}", password="!")
        Membership.objects.create(
            user=user, organization=organization, role=MembershipRole.DELEGATE, status=MembershipStatus.APPROVED
        )
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        fake = HttpRequest()
        token = get_token(fake)
        writers.append(
            {
                "user": user.pk,
                "capacity": str(organization.pk),
                "headers": {
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={fake.META['CSRF_COOKIE']}",
                    "X-CSRFToken": token,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            }
        )
    return writers
