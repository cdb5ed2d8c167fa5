"""Written submissions and questionnaires."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import services
from consultations.models import QuestionnaireResponse, Submission, SubmissionFile
from tests.consultations.fixtures import answer_questionnaire, make_round

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submit(round, author, org, files, **fields):
    values = {
        "round": round,
        "author": author,
        "capacity_key": str(org.pk) if org else "personal",
        "summary": "Our views.",
        "language": "en",
        "files": files,
    }
    values.update(fields)
    return services.submission_create(**values)


def test_submission_stores_files_under_safe_names(round, delegate, state_org):
    files = [
        SimpleUploadedFile("../../etc/Position paper\u202e.pdf", PDF),
        SimpleUploadedFile("annex.docx", docx_bytes()),
    ]
    submission = submit(round, delegate, state_org, files)
    names = list(submission.files.values_list("original_name", flat=True))
    assert names == ["Position paper.pdf", "annex.docx"]
    for document in submission.files.all():
        assert "/" not in document.original_name and ".." not in document.file.name
        assert document.file.name.startswith(f"submissions/{round.pk}/")


def test_a_fake_extension_is_refused_and_nothing_is_stored(round, delegate, state_org):
    files = [SimpleUploadedFile("paper.pdf", PDF), SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 this is an exe")]
    with pytest.raises(ValidationError, match="not a PDF, DOCX or ODT"):
        submit(round, delegate, state_org, files)
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()


def test_too_many_or_too_large_files_are_refused(round, delegate, state_org, settings):
    with pytest.raises(ValidationError, match="At most 20"):
        submit(round, delegate, state_org, [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(21)])
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="too large"):
        submit(round, delegate, state_org, [SimpleUploadedFile("big.pdf", PDF)])
    assert not Submission.objects.exists()


def test_submission_needs_an_open_round_that_takes_them(version, delegate, state_org):
    with pytest.raises(PermissionDenied, match="closed"):
        submit(make_round(version, state="closed"), delegate, state_org, [SimpleUploadedFile("a.pdf", PDF)])
    with pytest.raises(PermissionDenied, match="does not take written submissions"):
        submit(make_round(version, allows_submissions=False), delegate, state_org, [SimpleUploadedFile("a.pdf", PDF)])


def test_questionnaire_draft_then_submit_one_response_per_organization(version, questionnaire, delegate, state_org):
    round = make_round(questionnaire=questionnaire)
    first, second, third = questionnaire.questions.all()
    answer_questionnaire(round, delegate, state_org, {first.pk: "Draft answer"})
    response = QuestionnaireResponse.objects.get()
    assert response.status == "draft"
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organization=state_org).user
    answer_questionnaire(round, colleague, state_org, {second.pk: "Colleague's answer"}, submit=True)
    response = QuestionnaireResponse.objects.get()  # still one response for Brazil
    assert response.status == "submitted" and response.answers.count() == 2
    with pytest.raises(ValidationError, match="already answered"):
        answer_questionnaire(round, delegate, state_org, {third.pk: "Late"})


def test_questionnaire_bad_input(version, questionnaire, delegate, state_org, ngo):
    round = make_round(questionnaire=questionnaire)
    with pytest.raises(ValidationError, match="not in this questionnaire"):
        answer_questionnaire(round, delegate, state_org, {999999: "?"})
    with pytest.raises(ValidationError, match="at least one"):
        answer_questionnaire(round, delegate, state_org, {}, submit=True)
    with pytest.raises(PermissionDenied):
        answer_questionnaire(round, delegate, ngo, {})
    assert not QuestionnaireResponse.objects.exists()


def test_submission_page_and_download_permissions(client, round, delegate, state_org, ngo_member):
    client.force_login(delegate)
    page = client.get(f"/en/consultation/rounds/{round.pk}/submit/")
    token = page.context["form"].initial["client_token"]
    data = {
        "capacity": str(state_org.pk),
        "summary": "Views",
        "language": "en",
        "confidentiality": "secretariat",
        "client_token": token,
        "files": [SimpleUploadedFile("paper.pdf", PDF)],
    }
    assert client.post(f"/en/consultation/rounds/{round.pk}/submit/", data).status_code == 302
    data["files"] = [SimpleUploadedFile("paper.pdf", PDF)]
    client.post(f"/en/consultation/rounds/{round.pk}/submit/", data)  # the same form again
    assert Submission.objects.count() == 1
    document = SubmissionFile.objects.get()
    response = client.get(f"/en/consultation/documents/{document.pk}/")
    assert response.status_code == 200 and 'filename="paper.pdf"' in response["Content-Disposition"]
    client.force_login(ngo_member)
    assert client.get(f"/en/consultation/documents/{document.pk}/").status_code == 404  # secretariat only


def test_compiled_replies_for_the_secretariat_only(client, version, questionnaire, delegate, state_org, secretariat):
    round = make_round(questionnaire=questionnaire)
    first = questionnaire.questions.first()
    answer_questionnaire(round, delegate, state_org, {first.pk: "Brazil's answer"}, submit=True)
    client.force_login(delegate)
    assert client.get(f"/en/consultation/rounds/{round.pk}/questionnaire/replies/").status_code == 403
    client.force_login(secretariat)
    html = client.get(f"/en/consultation/rounds/{round.pk}/questionnaire/replies/").content.decode()
    assert "Brazil&#x27;s answer" in html and "Question 1?" in html
