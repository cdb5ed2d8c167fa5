"""The commenting pages without a browser: forms that name their fields and keep the text, unique
ids, refusals explained, confirmations, sorting and filtering, following, co-signer search."""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from consultations import services
from consultations.models import Comment, Follow, QuestionnaireResponse, ResponseStatus
from drafts import services as text_services
from portal.models import MembershipRole, MembershipStatus, OrganizationKind, OutgoingEmail
from tests.consultations.fixtures import make_round, post_comment
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def ids_used_twice(html):
    counts = Counter(re.findall(r'\sid="([^"]+)"', html))
    return [name for name, n in counts.items() if n > 1]


def form_data(capacity, **fields):
    data = {
        "capacity": str(capacity),
        "kind": "comment",
        "position": "neutral",
        "text": "Words",
        "language": "en",
        "confidentiality": "public",
        "client_token": "tok",
    }
    data.update(fields)
    return data


def test_a_reply_posts_without_a_kind_field(client, round, delegate, state_org, ngo, ngo_member):
    provision = round.version.provisions.get(label="1")
    question = post_comment(round, ngo_member, ngo, "Why?", provision=provision, kind="question")
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    data = form_data(state_org.pk, text="Because.", parent=str(question.pk))
    del data["kind"]  # the reply form has no Kind: a reply is a comment
    assert client.post(url, data).status_code == 302
    reply = Comment.objects.get(parent=question)
    assert reply.kind == "comment" and reply.text == "Because." and reply.depth == 1


def test_errors_name_each_field_and_keep_the_text_in_place(client, round, delegate, state_org):
    provision = round.version.provisions.get(label="1")
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    response = client.post(url, form_data(state_org.pk, text="   ", language="xx"), HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    scope = f"comment-form-{provision.key}"
    assert 'class="error-summary"' in html and "autofocus" in html
    assert f'href="#{scope}-text"' in html and f'href="#{scope}-language"' in html  # each field named
    assert "Your comment:" in html and "Language of your comment:" in html
    assert f'aria-describedby="{scope}-text-counter {scope}-text-error"' in html
    long_text = "w" * 6000
    response = client.post(url, form_data(state_org.pk, text=long_text), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422 and long_text in html and "maxlength" not in html
    assert not Comment.objects.exists()


def test_a_session_that_ended_gets_its_text_back_and_stores_nothing(client, round, state_org):
    provision = round.version.provisions.get(label="1")
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    response = client.post(url, form_data(state_org.pk, text="Typed for an hour"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 422 and "Typed for an hour" in html and "session has ended" in html
    assert 'target="_blank"' in html and not Comment.objects.exists()


def test_every_form_on_a_panel_has_ids_of_its_own(client, round, delegate, state_org, ngo, ngo_member):
    provision = round.version.provisions.get(label="1")
    first = post_comment(round, ngo_member, ngo, "One", provision=provision)
    post_comment(round, ngo_member, ngo, "Two", provision=provision)
    post_comment(round, delegate, state_org, "Reply", parent=first)
    client.force_login(delegate)
    html = client.get(f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/").content.decode()
    assert html.count('class="comment-form"') == 4  # the new comment and three replies
    assert not ids_used_twice(html)


def test_cosigners_are_searched_among_the_rounds_audience(client, version, delegate, state_org):
    round = make_round(version, audience_kinds=["member_state", "ngo"])
    cyprus = OrganizationFactory(name_en="Cyprus", kind=OrganizationKind.MEMBER_STATE)
    OrganizationFactory(name_en="Cyprus Institute", kind=OrganizationKind.ACADEMIC)  # not invited
    OrganizationFactory(name_en="Cyprus Unverified", kind=OrganizationKind.NGO, verified=False)
    provision = version.provisions.get(label="1")
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/new/"
    data = form_data(state_org.pk, text="Joint words", cosigner_query="cypr", find_cosigners="1")
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and not Comment.objects.exists()  # a search sends nothing
    assert "Joint words" in html and f'value="{cyprus.pk}"' in html
    assert "Cyprus Institute" not in html and "Cyprus Unverified" not in html
    del data["find_cosigners"]
    data["cosigners"] = [str(cyprus.pk)]
    assert client.post(url, data).status_code == 302
    assert Comment.objects.get().cosignatures.get().organization == cyprus


def test_the_service_refuses_a_cosigner_the_round_does_not_invite(version, delegate, state_org):
    round = make_round(version, audience_kinds=["member_state"])
    institute = OrganizationFactory(kind=OrganizationKind.ACADEMIC)
    with pytest.raises(ValidationError, match="this round invites"):
        post_comment(round, delegate, state_org, "Joint", cosigner_ids=[institute.pk])


@pytest.mark.parametrize(
    ("situation", "reason", "words"),
    [
        ("anonymous", "anonymous", "Sign in with an accredited account"),
        ("pending", "pending", "is pending"),
        ("unaccredited", "unaccredited", "needs an accreditation"),
        ("not_invited", "not_invited", "is not among them"),
        ("closed", "closed", "This round closed on"),
        ("upcoming", "upcoming", "This round opens on"),
    ],
)
def test_a_refusal_is_explained_with_what_to_do_next(client, version, situation, reason, words, role_user):
    round = make_round(
        version,
        state={"closed": "closed", "upcoming": "upcoming"}.get(situation, "open"),
        audience_kinds=["member_state"],
        audience_experts=False,
    )
    person = role_user()
    if situation == "pending":
        MembershipFactory(user=person, status=MembershipStatus.PENDING, role=MembershipRole.DELEGATE)
    elif situation in ("not_invited", "closed", "upcoming"):
        MembershipFactory(user=person, organization__kind=OrganizationKind.NGO, role=MembershipRole.MEMBER)
    if situation != "anonymous":
        client.force_login(person)
    html = client.get(f"/en/consultation/rounds/{round.pk}/").content.decode()
    assert f'data-participation="{reason}"' in html and words in html
    assert "Send a written submission" not in html  # no link to a page that would refuse
    response = client.get(f"/en/consultation/rounds/{round.pk}/submit/")
    if situation == "anonymous":
        assert response.status_code == 302  # to the sign-in page
    else:
        assert response.status_code == 403 and words in response.content.decode()  # explained, not bare


def test_withdrawing_asks_first(client, round, delegate, state_org):
    comment = post_comment(round, delegate, state_org, "Mine to withdraw")
    client.force_login(delegate)
    url = f"/en/consultation/comments/{comment.pk}/withdraw/"
    html = client.get(url).content.decode()
    assert "Withdraw this comment?" in html and "Mine to withdraw" in html and comment.tracking_number in html
    comment.refresh_from_db()
    assert comment.withdrawn_at is None  # asking changes nothing
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.withdrawn_at is not None


def test_the_questionnaire_is_reviewed_before_its_final_submission(client, questionnaire, delegate, state_org):
    qround = make_round(questionnaire=questionnaire)
    question = questionnaire.questions.first()
    client.force_login(delegate)
    url = f"/en/consultation/rounds/{qround.pk}/questionnaire/"
    data = {"capacity": str(state_org.pk), "confidentiality": "public", f"answer-{question.pk}": "Line one\nLine two"}
    response = client.post(url, {**data, "action": "review"})
    html = response.content.decode()
    assert response.status_code == 200 and "Submit these answers?" in html and "Line one" in html
    response_row = QuestionnaireResponse.objects.get()
    assert response_row.status == ResponseStatus.DRAFT  # saved, not yet submitted
    assert client.post(url, {**data, "action": "submit"}).status_code == 302
    response_row.refresh_from_db()
    assert response_row.status == ResponseStatus.SUBMITTED
    assert response_row.answers.get(question=question).text == "Line one\nLine two"
    assert OutgoingEmail.objects.filter(kind="receipt", context__tracking_number=response_row.tracking_number).exists()


def test_a_provisions_comments_are_sorted_and_filtered(client, round, delegate, state_org, ngo, ngo_member, expert):
    provision = round.version.provisions.get(label="1")
    post_comment(round, delegate, state_org, "Brazil supports", provision=provision, position="support")
    post_comment(round, ngo_member, ngo, "NGO opposes in French", provision=provision, position="oppose", language="fr")
    post_comment(round, expert, None, "Expert view", provision=provision)
    url = f"/en/consultation/rounds/{round.pk}/comments/{provision.key}/"

    def shown(**query):
        html = client.get(url, query, HTTP_HX_REQUEST="true").content.decode()
        return [t for t in ("Brazil supports", "NGO opposes in French", "Expert view") if t in html], html

    assert shown()[0] == ["Brazil supports", "NGO opposes in French", "Expert view"]
    _texts, html = shown(order="newest")
    assert html.index("Expert view") < html.index("NGO opposes") < html.index("Brazil supports")
    assert shown(position="oppose")[0] == ["NGO opposes in French"]
    assert shown(kind="member_state")[0] == ["Brazil supports"]
    assert shown(kind="expert")[0] == ["Expert view"]
    assert shown(region="african")[0] == ["NGO opposes in French"]
    assert shown(language="fr")[0] == ["NGO opposes in French"]
    _texts, html = shown(language="fr")
    assert "1 comment matches." in html


def test_following_a_provision_tells_of_new_comments_and_versions(
    client, round, delegate, state_org, ngo, ngo_member, drafter
):
    provision = round.version.provisions.get(label="1")
    client.force_login(ngo_member)
    response = client.post(
        f"/en/consultation/follow/{round.version.instrument.slug}/",
        {"key": provision.key, "follow": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    assert Follow.objects.filter(user=ngo_member, key=provision.key).exists()
    comment = post_comment(round, delegate, state_org, "On the followed paragraph", provision=provision)
    post_comment(round, delegate, state_org, "Secret one", provision=provision, confidentiality="secretariat")
    post_comment(round, delegate, state_org, "On another paragraph", provision=round.version.provisions.get(label="2"))
    told = OutgoingEmail.objects.filter(recipient=ngo_member, kind="followed")
    assert [n.context["comment"] for n in told] == [comment.pk]  # never the secretariat-only one
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    services.notifications_announce_new_versions()
    assert OutgoingEmail.objects.filter(recipient=ngo_member, kind="new_version").exists()
    client.post(f"/en/consultation/follow/{round.version.instrument.slug}/", {"key": provision.key, "follow": "0"})
    assert not Follow.objects.exists()
    response = client.post(f"/en/consultation/follow/{round.version.instrument.slug}/", {"key": "nope", "follow": "1"})
    assert response.status_code == 302 and not Follow.objects.exists()


def test_earlier_comments_show_the_words_they_were_on(client, round, delegate, state_org, drafter):
    provision = round.version.provisions.get(label="1")
    post_comment(round, delegate, state_org, "On version one", provision=provision)
    later = text_services.version_copy(version=round.version, by=drafter, label="Revised")
    text_services.version_publish(version=later, by=drafter, untranslated_ok=True)
    new_round = make_round(later)
    html = client.get(f"/fr/consultation/rounds/{new_round.pk}/comments/{provision.key}/").content.decode()
    assert "Toute personne a droit à la solidarité internationale." in html  # in the reader's language
    html = client.get(f"/ar/consultation/rounds/{new_round.pk}/comments/{provision.key}/").content.decode()
    assert 'lang="en">Everyone has the right to international solidarity.' in html  # else the original


def test_the_round_page_leads_to_general_comments_and_public_submissions(client, round):
    html = client.get(f"/en/consultation/rounds/{round.pk}/").content.decode()
    assert 'href="#general-comments"' in html and 'id="general-comments"' in html
    assert html.index('href="#general-comments"') < html.index('class="document"')  # near the top
    assert f"/en/consultation/rounds/{round.pk}/submissions/" in html
    assert not ids_used_twice(html)
