"""Shared factory_boy factories for the whole suite."""

import factory

from portal.models import Membership, MembershipStatus, Organization, OrganizationKind, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])
            # Signing in requires a verified address (allauth, mandatory verification).
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Test organization {n}")
    kind = OrganizationKind.NGO
    verified = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = MembershipStatus.APPROVED


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "drafts.Instrument"

    slug = factory.Sequence(lambda n: f"instrument-{n}")
    title_en = factory.Sequence(lambda n: f"Test instrument {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "drafts.Version"

    instrument = factory.SubFactory(InstrumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    label_en = "Test version"
    original_language = "en"


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "drafts.Provision"

    version = factory.SubFactory(VersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "operative"
    label = factory.Sequence(lambda n: str(n + 1))
    text_en = factory.Sequence(lambda n: f"Test paragraph {n + 1}.")


def move_provision(provision, *, before):
    """Put `provision` just before `before` in its version's order (positions 1..n), as a drafter
    does by editing the positions in the admin: no service moves provisions."""
    from drafts.models import Provision

    ordered = [p.pk for p in provision.version.provisions.order_by("position") if p.pk != provision.pk]
    ordered.insert(ordered.index(before.pk), provision.pk)
    for position, pk in enumerate(ordered, start=1):
        Provision.objects.filter(pk=pk).update(position=position)
