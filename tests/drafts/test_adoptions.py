"""The adoption record: a real adoption block read, every State matched to the directory (in
English as published, and the same recorded vote printed with the directory's French and
Arabic names, the Arabic damaged as conversion from PDF damages it), the preview's problems,
the record and its history, the public pages and the open data.

The only real recorded vote stored in full is decision 16/118 of the Human Rights Council
(tests/drafts/corpus/README.md): its English block is used exactly as published. No French or
Arabic adoption block with lists of States could be found in the stored pages; the French
and Arabic blocks below are therefore made for the test, labelled as such: the same real
vote (every State where 16/118 lists it), the wording of each language's blocks, and the
names of the States as the directory has them (the UN's M49 names), some Arabic ones
damaged."""

import datetime
import io
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.models import Version as RevisionRecord

from drafts import services
from drafts.importer import import_bytes
from drafts.importer.adoption import read_adoption_block
from drafts.models import Adoption, StateRole
from portal.models import Organization
from portal.services import states_load
from portal.un_names import names_of
from tests.factories import VersionFactory

from .test_import_corpus import CORPUS

pytestmark = pytest.mark.django_db

# Decision 16/118, as published: every State under its vote, by ISO code.
IN_FAVOUR = [
    "AO",
    "AR",
    "BH",
    "BD",
    "BR",
    "BF",
    "CM",
    "CL",
    "CN",
    "CU",
    "DJ",
    "EC",
    "GA",
    "GH",
    "GT",
    "JO",
    "KG",
    "MY",
    "MV",
    "MR",
    "MU",
    "MX",
    "NG",
    "PK",
    "QA",
    "RU",
    "SA",
    "SN",
    "TH",
    "UG",
    "UY",
    "ZM",
]
AGAINST = ["BE", "FR", "HU", "JP", "NO", "PL", "KR", "MD", "SK", "ES", "CH", "UA", "GB", "US"]

# What conversion from PDF does to Arabic names: a letter dropped, two swapped, a hamza lost.
DAMAGED = {
    "CM": "الكامبيون",  # الكاميرون: two letters misread
    "AR": "الارجنتين",  # الأرجنتين: the hamza lost
    "PK": "باكتسان",  # باكستان: two letters swapped
    "MX": "المكسك",  # المكسيك: a letter dropped
}


@pytest.fixture
def states(db):
    states_load()
    return {str(state.country): state for state in Organization.objects.states()}


@pytest.fixture
def version(db):
    return VersionFactory(status="published", symbol="A/HRC/DEC/16/118")


def english_block():
    return import_bytes((CORPUS / "hrc-dec-16-118.en.txt").read_bytes(), "dec.txt", "en").adoption["text"]


def listed(language, codes, damaged=()):
    """The States' names in the language's alphabetical order, as UN documents list them."""
    names = sorted(names_of(code).names[language] for code in codes)
    names = [
        next((dict(damaged)[code] for code in dict(damaged) if names_of(code).names[language] == name), name)
        for name in names
    ]
    if language == "fr":
        return ", ".join(names[:-1]) + " et " + names[-1]
    return "، ".join(names[:-1]) + "، و" + names[-1]


def french_block():
    return (
        "48e séance\n25 mars 2011\n[Adoptée à l’issue d’un vote enregistré par 32 voix contre 14, sans abstention. "
        "Les voix se sont réparties comme suit :\n"
        f"Ont voté pour :\n{listed('fr', IN_FAVOUR)}\nOnt voté contre :\n{listed('fr', AGAINST)}]"
    )


def arabic_block():
    return (
        "الجلسة 48\n25 آذار/مارس 2011\n[اعتُمد بتصويت مسجل بأغلبية 32 صوتاً مقابل 14، دون امتناع أحد عن التصويت. "
        "وكانت نتيجة التصويت كما يلي:\n"
        f"المؤيدون:\n{listed('ar', IN_FAVOUR, DAMAGED)}\nالمعارضون:\n{listed('ar', AGAINST)}]"
    )


def votes_by_code(preview):
    return {
        vote: sorted(str(row.state.country) for row in preview.rows if row.role == vote)
        for vote in ("in_favour", "against")
    }


@pytest.mark.parametrize("block", [english_block, french_block, arabic_block], ids=["en", "fr", "ar"])
def test_every_state_of_a_recorded_vote_is_matched_in_three_languages(secretariat, states, version, block):
    preview = services.adoption_preview(by=secretariat, version=version, block=block(), body="hrc")
    assert preview.problems == []
    assert preview.fields["counts"] == {"in_favour": 32, "against": 14, "abstaining": 0}
    assert (preview.fields["date"], preview.fields["method"]) == ("2011-03-25", "recorded_vote")
    assert votes_by_code(preview) == {"in_favour": sorted(IN_FAVOUR), "against": sorted(AGAINST)}


def test_damaged_arabic_names_are_matched_with_their_confidence(secretariat, states, version):
    preview = services.adoption_preview(by=secretariat, version=version, block=arabic_block(), body="hrc")
    damaged = {row.match.printed: (str(row.state.country), row.match.confidence) for row in preview.rows}
    assert {printed: damaged[printed][0] for printed in DAMAGED.values()} == {v: k for k, v in DAMAGED.items()}
    # A lost hamza is undone by the normalisation; the other damage is matched by similarity.
    assert damaged["الارجنتين"][1] == 1.0
    assert all(0.85 <= damaged[DAMAGED[code]][1] < 1 for code in ("CM", "PK", "MX"))


def test_recording_saves_every_vote_with_its_history(secretariat, states, version):
    adoption = services.adoption_record(
        by=secretariat,
        version=version,
        block=english_block(),
        body="hrc",
        session=16,
        main_sponsors="Cuba",
        co_sponsors="Bolivia (Plurinational State of) and Viet Nam",
        explanations="https://example.org/explanation",
    )
    assert (adoption.in_favour, adoption.against, adoption.abstaining) == (32, 14, 0)
    assert adoption.symbol == "A/HRC/DEC/16/118" and adoption.date == datetime.date(2011, 3, 25)
    roles = {(str(role.state.country), role.role) for role in adoption.roles.select_related("state")}
    assert {code for code, role in roles if role == "in_favour"} == set(IN_FAVOUR)
    assert {code for code, role in roles if role == "against"} == set(AGAINST)
    assert {(code, role) for code, role in roles if "sponsor" in role} == {
        ("CU", "main_sponsor"),
        ("BO", "co_sponsor"),
        ("VN", "co_sponsor"),
    }
    revision = RevisionRecord.objects.get_for_object(adoption).get().revision
    assert revision.user == secretariat
    assert revision.version_set.filter(content_type__model="staterole").count() == 49


def test_correcting_an_adoption_replaces_its_votes_and_keeps_the_history(secretariat, states, version):
    services.adoption_record(by=secretariat, version=version, block=english_block(), body="hrc")
    corrected = english_block().replace("Uganda, ", "").replace("32 to 14", "31 to 14")
    adoption = services.adoption_record(by=secretariat, version=version, block=corrected, body="hrc", reason="Typo")
    assert adoption.in_favour == 31 and not adoption.roles.filter(state=states["UG"]).exists()
    assert RevisionRecord.objects.get_for_object(adoption).count() == 2


# --- Bad input: a clear message naming the line, nothing saved ---------------------------------


def refused(secretariat, version, block, **fields):
    with pytest.raises(ValidationError) as error:
        services.adoption_record(by=secretariat, version=version, block=block, body="hrc", **fields)
    assert not Adoption.objects.exists() and not StateRole.objects.exists()
    return error.value.messages


def test_counts_that_do_not_match_the_lists_are_refused(secretariat, states, version):
    messages = refused(secretariat, version, english_block().replace("32 to 14", "33 to 14"))
    assert messages == ["In favour: the block counts 33 but lists 32 States (from line 3)."]


def test_a_state_listed_twice_or_under_two_votes_is_refused(secretariat, states, version):
    block = english_block().replace("Angola, Argentina", "Angola, Angola").replace("Belgium, France", "Chile, France")
    messages = refused(secretariat, version, block)
    assert "Line 3: Angola is listed twice under “In favour” (also line 3)." in messages
    assert "Line 4: Chile is listed under “Against” and under “In favour” (line 3)." in messages


def test_an_unknown_name_is_shown_for_a_decision_and_refused_until_decided(secretariat, states, version):
    block = english_block().replace("Chile", "Chlie")
    messages = refused(secretariat, version, block)
    assert messages == ["Line 3: “Chlie” is not matched to a State with confidence; choose the State meant."]
    preview = services.adoption_preview(by=secretariat, version=version, block=block, body="hrc")
    row = next(row for row in preview.rows if row.match.printed == "Chlie")
    assert states["CL"] in row.options
    decided = services.adoption_record(
        by=secretariat, version=version, block=block, body="hrc", choices={row.index: str(states["CL"].pk)}
    )
    assert decided.roles.get(state=states["CL"]).printed_as == "Chlie"


def test_a_date_in_the_future_is_refused(secretariat, states, version):
    messages = refused(secretariat, version, english_block().replace("25 March 2011", "25 March 2099"))
    assert messages == ["The date of adoption, 25 March 2099, is in the future: check the block."]


def test_a_version_not_published_is_refused(secretariat, states):
    draft = VersionFactory(status="editing")
    with pytest.raises(PermissionDenied, match="Only a published version can be recorded as adopted"):
        services.adoption_record(by=secretariat, version=draft, block=english_block(), body="hrc")
    assert not Adoption.objects.exists()


def test_only_the_secretariat_confirms(drafter, states, version):
    assert services.adoption_preview(by=drafter, version=version, block=english_block(), body="hrc").problems == []
    with pytest.raises(PermissionDenied, match="Only the secretariat confirms"):
        services.adoption_record(by=drafter, version=version, block=english_block(), body="hrc")


# --- The pages and the open data ----------------------------------------------------------------


@pytest.fixture
def adopted(secretariat, states, version):
    return services.adoption_record(by=secretariat, version=version, block=english_block(), body="hrc", session=16)


def test_the_secretariat_previews_then_confirms_on_the_page(client, secretariat, states, version):
    client.force_login(secretariat)
    url = f"/en/texts/{version.instrument.slug}/v{version.number}/adoption/enter/"
    form = {"body": "hrc", "block": english_block().replace("Chile", "Chlie"), "session": "16"}
    page = client.post(url, {**form, "preview": ""}).content.decode()
    assert "“Chlie” is not matched to a State with confidence" in page and 'name="confirm"' not in page
    assert not Adoption.objects.exists()
    index = re.search(r'<select id="state-(\d+)"', page).group(1)
    page = client.post(url, {**form, "preview": "", f"state-{index}": states["CL"].pk}).content.decode()
    assert 'name="confirm"' in page
    response = client.post(url, {**form, "confirm": "", f"state-{index}": states["CL"].pk})
    assert response.status_code == 302
    assert Adoption.objects.get().roles.filter(role="in_favour").count() == 32


def test_the_public_page_groups_the_votes_by_regional_group(client, adopted):
    page = client.get(f"/en/texts/{adopted.version.instrument.slug}/v{adopted.version.number}/adoption/")
    body = page.content.decode()
    table = body[body.index('<table class="votes">') :]
    assert "32 in favour, 14 against, 0 abstaining" in body
    assert table.index("African States") < table.index("Angola") < table.index("Asia-Pacific States")
    assert body.count('data-vote="in_favour"') == 32 and body.count('data-vote="against"') == 14
    assert '<svg role="img"' in body
    arabic = client.get(f"/ar/texts/{adopted.version.instrument.slug}/v{adopted.version.number}/adoption/")
    assert "الكاميرون" in arabic.content.decode() and "مجموعة الدول الأفريقية" not in body


def test_votes_over_successive_resolutions_and_the_open_data(client, adopted):
    slug = adopted.version.instrument.slug
    page = client.get(f"/en/texts/{slug}/votes/").content.decode()
    assert page.count("<tr>") == 1 + 46
    rows = json.loads(b"".join(client.get(f"/en/texts/{slug}/votes.json").streaming_content))
    assert len(rows) == 46
    assert {row["country"] for row in rows if row["role"] == "against"} == set(AGAINST)
    csv = b"".join(client.get(f"/en/texts/{slug}/votes.csv").streaming_content).decode()
    assert csv.count("\n") == 47 and ",CM," in csv


def test_the_akn_export_of_an_adopted_version_carries_the_adoption_and_validates(client, adopted):
    from lxml import etree

    from drafts.exports.akn_schema import validate_akn

    version = adopted.version
    xml = client.get(f"/en/texts/{version.instrument.slug}/v{version.number}/export.xml").content
    assert validate_akn(xml) == []
    ns = {"akn": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    meta = etree.fromstring(xml).find(".//akn:meta", ns)
    assert meta.find("akn:lifecycle/akn:eventRef", ns).get("date") == "2011-03-25"
    step = meta.find("akn:workflow/akn:step", ns)
    assert (step.get("by"), step.get("outcome")) == ("#hrc", "#recorded_vote")
    counts = {c.get("refersTo"): c.get("value") for c in meta.iterfind(".//akn:voting/akn:count", ns)}
    assert counts == {"#in_favour": "32", "#against": "14", "#abstaining": "0"}
    references = [
        (etree.QName(reference).localname, reference.get("eId"), reference.get("href"), reference.get("showAs"))
        for reference in meta.find("akn:references", ns)
    ]
    assert references == [
        ("TLCOrganization", "ohchr", "/akn/ontology/organization/un/ohchr", "OHCHR"),
        ("TLCOrganization", "hrc", "/akn/ontology/organization/un/hrc", "Human Rights Council"),
        ("TLCEvent", "adoption", "/akn/ontology/event/un/adoption", "A/HRC/DEC/16/118"),
        ("TLCConcept", "recorded_vote", "/akn/ontology/concept/un/recorded_vote", "Adopted by a recorded vote"),
        ("TLCConcept", "in_favour", "/akn/ontology/concept/un/in_favour", "in favour"),
        ("TLCConcept", "against", "/akn/ontology/concept/un/against", "against"),
        ("TLCConcept", "abstaining", "/akn/ontology/concept/un/abstaining", "abstaining"),
    ]


def test_the_api_gives_every_adoption_with_each_states_vote(client, adopted):
    answer = client.get(f"/api/instruments/{adopted.version.instrument.slug}/adoptions").json()
    assert [(a["symbol"], a["date"], a["in_favour"], a["against"], a["abstaining"]) for a in answer] == [
        ("A/HRC/DEC/16/118", "2011-03-25", 32, 14, 0)
    ]
    votes = {state["country"]: state["role"] for state in answer[0]["states"]}
    assert votes == {**dict.fromkeys(IN_FAVOUR, "in_favour"), **dict.fromkeys(AGAINST, "against")}
    cameroon = next(state for state in answer[0]["states"] if state["country"] == "CM")
    assert cameroon["state"]["ar"] == "الكاميرون" and cameroon["regional_group"] == "african"


def test_the_demo_records_decision_16_118_exactly_as_published():
    from django.core.management import call_command

    call_command("loaddemo", stdout=io.StringIO())
    adoption = Adoption.objects.get(version__instrument__slug="hrc-dec-16-118")
    assert (adoption.symbol, adoption.date, adoption.in_favour, adoption.against) == (
        "A/HRC/DEC/16/118",
        datetime.date(2011, 3, 25),
        32,
        14,
    )
    votes = {(str(role.state.country), role.role) for role in adoption.roles.select_related("state")}
    assert votes == {(code, "in_favour") for code in IN_FAVOUR} | {(code, "against") for code in AGAINST}
    call_command("loaddemo", stdout=io.StringIO())  # again: nothing changes
    assert Adoption.objects.count() == 1


# --- Absent or non-voting ----------------------------------------------------------------------
# No stored copy holds a real block with an absent list (tests/drafts/corpus/README.md). The
# blocks below are made for the test, labelled as such: decision 16/118's real vote, with an
# "absent" list added naming Libya, whose rights of membership in the Council were suspended
# on 1 March 2011 (it did not vote on 25 March 2011); the first sentence's counts stay as printed.

ABSENT_HEADINGS = {"en": "Absent:", "fr": "Absents :", "ar": "الغائبون:"}


def with_absent(block, language, names="Libya"):
    return block.rstrip("]") + f"\n{ABSENT_HEADINGS[language]}\n{names}]"


@pytest.mark.parametrize(
    "block, language, libya",
    [(english_block, "en", "Libya"), (french_block, "fr", "Libye"), (arabic_block, "ar", "ليبيا")],
    ids=["en", "fr", "ar"],
)
def test_an_absent_list_is_read_matched_and_not_counted(secretariat, states, version, block, language, libya):
    preview = services.adoption_preview(
        by=secretariat, version=version, block=with_absent(block(), language, libya), body="hrc"
    )
    assert preview.problems == []
    assert preview.fields["counts"] == {"in_favour": 32, "against": 14, "abstaining": 0}
    assert [(row.match.printed, str(row.state.country)) for row in preview.absent] == [(libya, "LY")]
    assert votes_by_code(preview) == {"in_favour": sorted(IN_FAVOUR), "against": sorted(AGAINST)}


@pytest.mark.parametrize(
    "heading",
    [
        "Absent:",
        "Absents :",
        "Ausentes:",
        "Отсутствовали:",
        "الغائبون:",
        "缺席：",
        "Non-voting:",
        "N’ont pas participé au vote :",
        "No participaron en la votación:",
        "Не участвовали в голосовании:",
        "لم تشارك في التصويت:",
        "未参加表决:",
    ],
)
def test_the_absent_heading_is_read_in_the_six_languages(heading):
    block = english_block().rstrip("]") + f"\n{heading}\nLibya and Nauru]"
    data = read_adoption_block(block)
    assert data["votes"]["absent"] == ["Libya", "Nauru"] and len(data["votes"]["against"]) == 14
    assert data["counts"] == {"in_favour": 32, "against": 14, "abstaining": 0}


def test_the_arabic_abstaining_heading_is_read_in_its_longer_form_too():
    block = arabic_block().rstrip("]") + "\nالممتنعون عن التصويت:\nاليابان]"
    data = read_adoption_block(block)  # read only: the State listed twice is the record's business
    assert data["votes"]["abstaining"] == ["اليابان"] and len(data["votes"]["against"]) == 14


def test_a_state_both_absent_and_voting_is_refused(secretariat, states, version):
    messages = refused(secretariat, version, with_absent(english_block(), "en", "Libya and Chile"))
    assert messages == ["Line 6: Chile is listed under “Absent or non-voting” and under “In favour” (line 3)."]


def test_absent_states_are_recorded_shown_and_exported(client, secretariat, states, version):
    adoption = services.adoption_record(
        by=secretariat, version=version, block=with_absent(english_block(), "en"), body="hrc"
    )
    assert [str(role.state.country) for role in adoption.roles.filter(role="absent")] == ["LY"]
    slug, number = version.instrument.slug, version.number
    body = client.get(f"/en/texts/{slug}/v{number}/adoption/").content.decode()
    assert "32 in favour, 14 against, 0 abstaining; 1 State absent or non-voting" in body
    assert body.count('data-vote="absent"') == 1 and "Absent or non-voting" in body
    answer = client.get(f"/api/instruments/{slug}/adoptions").json()[0]
    assert answer["absent"] == 1
    assert [s["country"] for s in answer["states"] if s["role"] == "absent"] == ["LY"]
    csv = b"".join(client.get(f"/en/texts/{slug}/votes.csv").streaming_content).decode()
    assert ",LY,african,absent,Libya" in csv
    from lxml import etree

    from drafts.exports.akn_schema import validate_akn

    xml = client.get(f"/en/texts/{slug}/v{number}/export.xml").content
    assert validate_akn(xml) == []
    ns = {"akn": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    counts = {c.get("refersTo"): c.get("value") for c in etree.fromstring(xml).iterfind(".//akn:voting/akn:count", ns)}
    assert counts == {"#in_favour": "32", "#against": "14", "#abstaining": "0", "#absent": "1"}


# --- Explanations of vote and sponsors, entered by hand ------------------------------------------


def test_explanations_of_vote_carry_their_state_and_label_and_are_shown(client, secretariat, states, version):
    typed = "https://example.org/cuba | Cuba | Explanation of vote before the vote\nhttps://example.org/general"
    adoption = services.adoption_record(
        by=secretariat, version=version, block=english_block(), body="hrc", explanations=typed
    )
    assert adoption.explanations == [
        {
            "address": "https://example.org/cuba",
            "printed_as": "Cuba",
            "label": "Explanation of vote before the vote",
            "state": states["CU"].pk,
        },
        {"address": "https://example.org/general", "printed_as": "", "label": "", "state": None},
    ]
    assert adoption.roles.count() == 46  # explaining is no vote: the 46 votes of the block only
    slug, number = version.instrument.slug, version.number
    body = client.get(f"/en/texts/{slug}/v{number}/adoption/").content.decode()
    assert (
        'Cuba: <a href="https://example.org/cuba" rel="nofollow noopener"><bdi>Explanation of vote before the vote</bdi>'
        in body
    )
    assert '<a href="https://example.org/general" rel="nofollow noopener">https://example.org/general</a>' in body
    arabic = client.get(f"/ar/texts/{slug}/v{number}/adoption/").content.decode()
    assert "كوبا: <a" in arabic
    answer = client.get(f"/api/instruments/{slug}/adoptions").json()[0]["explanations"]
    assert [(e["address"], e["country"], e["state"]["fr"] if e["state"] else None) for e in answer] == [
        ("https://example.org/cuba", "CU", "Cuba"),
        ("https://example.org/general", None, None),
    ]
    client.force_login(secretariat)
    form = client.get(f"/en/texts/{slug}/v{number}/adoption/enter/").content.decode()
    assert "https://example.org/cuba | Cuba | Explanation of vote before the vote\nhttps://example.org/general" in form


@pytest.mark.parametrize("address", ["http://example.org/cuba", "example.org/cuba", "javascript:alert(1)"])
def test_an_explanation_whose_address_is_not_https_is_refused(secretariat, states, version, address):
    messages = refused(secretariat, version, english_block(), explanations=f"{address} | Cuba")
    assert messages == [f"Explanations of vote, line 1: “{address}” is not a secure web address (https://…)."]


def test_the_state_of_an_explanation_not_matched_is_offered_for_a_decision(secretariat, states, version):
    typed = "https://example.org/cuba | Cbua | Explanation of vote"
    messages = refused(secretariat, version, english_block(), explanations=typed)
    assert messages == [
        "Explanations of vote, line 1: “Cbua” is not matched to a State with confidence; choose the State meant."
    ]
    preview = services.adoption_preview(
        by=secretariat, version=version, block=english_block(), body="hrc", explanations=typed
    )
    row = next(row for row in preview.rows if row.match.printed == "Cbua")
    assert states["CU"] in row.options and row.role_label == "Explanation of vote"
    adoption = services.adoption_record(
        by=secretariat,
        version=version,
        block=english_block(),
        body="hrc",
        explanations=typed,
        choices={row.index: str(states["CU"].pk)},
    )
    assert adoption.explanations[0]["state"] == states["CU"].pk


def test_sponsors_are_matched_decided_shown_and_exported(client, secretariat, states, version):
    entered = {"main_sponsors": "Cuba", "co_sponsors": "Bolivia (Plurinational State of) and Vietnma"}
    messages = refused(secretariat, version, english_block(), **entered)
    assert messages == ["Co-sponsor: “Vietnma” is not matched to a State with confidence; choose the State meant."]
    preview = services.adoption_preview(by=secretariat, version=version, block=english_block(), body="hrc", **entered)
    row = next(row for row in preview.rows if row.match.printed == "Vietnma")
    assert states["VN"] in row.options
    services.adoption_record(
        by=secretariat,
        version=version,
        block=english_block(),
        body="hrc",
        choices={row.index: str(states["VN"].pk)},
        **entered,
    )
    slug, number = version.instrument.slug, version.number
    body = client.get(f"/en/texts/{slug}/v{number}/adoption/").content.decode()
    assert "<dt>Main sponsors</dt><dd>Cuba</dd>" in body
    assert "<dt>Co-sponsors</dt><dd>Bolivia (Plurinational State of), Viet Nam</dd>" in body
    rows = json.loads(b"".join(client.get(f"/en/texts/{slug}/votes.json").streaming_content))
    sponsors = {(row["country"], row["role"], row["printed_as"]) for row in rows if "sponsor" in row["role"]}
    assert sponsors == {
        ("CU", "main_sponsor", "Cuba"),
        ("BO", "co_sponsor", "Bolivia (Plurinational State of)"),
        ("VN", "co_sponsor", "Vietnma"),
    }
    csv = b"".join(client.get(f"/en/texts/{slug}/votes.csv").streaming_content).decode()
    assert ",VN,asia_pacific,co_sponsor,Vietnma" in csv
    api = client.get(f"/api/instruments/{slug}/adoptions").json()[0]["states"]
    assert {(s["country"], s["role"]) for s in api if "sponsor" in s["role"]} == {
        ("CU", "main_sponsor"),
        ("BO", "co_sponsor"),
        ("VN", "co_sponsor"),
    }


def test_a_list_under_a_heading_the_reader_does_not_know_is_never_dropped(secretariat, states, version):
    block = english_block().rstrip("]") + "\nNot present:\nLibya]"
    assert refused(secretariat, version, block) == [
        "Line 4: “United States of America Not present: Libya” is not matched to a State with confidence; "
        "choose the State meant."
    ]


def test_both_previews_say_how_many_states_are_absent(client, drafter, secretariat, states, version):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (CORPUS / "hrc-dec-16-118.en.txt").read_text().replace("America]", "America\nAbsent:\nLibya]")
    services.instrument_create(by=drafter, slug="coop", title="Coop")
    client.force_login(drafter)
    upload = SimpleUploadedFile("dec.txt", text.encode())
    url = client.post("/en/texts/coop/import/", {"document": upload, "language": "en", "label": "L", "symbol": ""})[
        "Location"
    ]
    assert "In favour: 32; against: 14; abstaining: 0. 1 State absent or non-voting" in client.get(url).content.decode()
    client.force_login(secretariat)
    enter = f"/en/texts/{version.instrument.slug}/v{version.number}/adoption/enter/"
    page = client.post(enter, {"body": "hrc", "block": with_absent(english_block(), "en"), "preview": ""})
    assert "32 / 14 / 0 · 1 State absent or non-voting" in page.content.decode()
