"""Comparing versions: matched by stable key, word-level redlines in French and Arabic."""

import pytest
from django.utils.html import escape

from drafts import redline, selectors, services
from tests.factories import move_provision

pytestmark = pytest.mark.django_db


def build(drafter, language, texts):
    """Version 1 with PP1, PP2, OP1..OP8; version 2 inserts a new PP2 (old PP2 becomes PP3),
    inserts OP7bis, deletes OP3, edits OP5 and moves OP8 before OP1."""
    instrument = services.instrument_create(by=drafter, slug=f"compare-{language}", title="Compare")
    v1 = services.version_create(instrument=instrument, by=drafter, label="One", original_language=language)
    services.provision_create(version=v1, by=drafter, kind="preamble", label="PP1", texts={language: texts["pp1"]})
    services.provision_create(version=v1, by=drafter, kind="preamble", label="PP2", texts={language: texts["pp2"]})
    for n in range(1, 9):
        services.provision_create(
            version=v1, by=drafter, kind="operative", label=str(n), texts={language: texts["op"] % n}
        )
    services.version_publish(version=v1, by=drafter, untranslated_ok=True)
    v2 = services.version_copy(version=v1, by=drafter, label="Two")
    p = {x.label: x for x in v2.provisions.all()}
    services.provision_update(provision=p["PP2"], by=drafter, base_revision=p["PP2"].revision, label="PP3")
    services.provision_create(
        version=v2, by=drafter, kind="preamble", label="PP2", after=p["PP1"], texts={language: texts["new_pp"]}
    )
    seven = v2.provisions.get(label="7")
    services.provision_create(
        version=v2, by=drafter, kind="operative", label="7bis", after=seven, texts={language: texts["bis"]}
    )
    services.provision_delete(provision=p["3"], by=drafter)
    five = v2.provisions.get(label="5")
    services.provision_update(
        provision=five, by=drafter, base_revision=five.revision, **{f"text_{language}": texts["op5_new"]}
    )
    eight = v2.provisions.get(label="8")
    first_op = v2.provisions.get(label="1")
    move_provision(eight, before=first_op)
    return v1, v2, {x.label: x.key for x in v1.provisions.all()}


FRENCH = {
    "pp1": "Réaffirmant la Charte des Nations Unies,",
    "pp2": "Rappelant ses résolutions antérieures,",
    "new_pp": "Soulignant le rôle de la solidarité internationale,",
    "op": "Décide de poursuivre l'examen de la question %d,",
    "bis": "Invite les États à coopérer,",
    "op5_new": "Décide de poursuivre activement l'examen de la question 5 à sa prochaine session,",
}
ARABIC = {
    "pp1": "إذ يعيد تأكيد ميثاق الأمم المتحدة،",
    "pp2": "وإذ يشير إلى قراراته السابقة،",
    "new_pp": "وإذ يؤكد دور التضامن الدولي،",
    "op": "يقرر مواصلة النظر في المسألة %d؛",
    "bis": "يدعو الدول إلى التعاون؛",
    "op5_new": "يقرر مواصلة النظر بنشاط في المسألة 5 في دورته المقبلة؛",
}


@pytest.mark.parametrize(("language", "texts"), [("fr", FRENCH), ("ar", ARABIC)])
def test_comparison_marks_added_removed_moved_relabelled_and_changed(drafter, language, texts):
    v1, v2, keys = build(drafter, language, texts)
    rows = selectors.compare_versions(v1, v2, language)
    by_label = {(row.old.label if row.old else None, row.new.label if row.new else None): row for row in rows}

    relabelled = by_label[("PP2", "PP3")]
    assert relabelled.changes == {"relabelled"}
    assert relabelled.new.key == keys["PP2"]

    inserted = by_label[(None, "PP2")]
    assert inserted.changes == {"added"}
    assert inserted.new.key not in keys.values()
    assert by_label[(None, "7bis")].changes == {"added"}

    removed = by_label[("3", None)]
    assert removed.changes == {"removed"}
    assert f"<del>{escape(texts['op'] % 3)}</del>" in removed.redline_html

    edited = by_label[("5", "5")]
    assert edited.changes == {"changed"}
    assert "<ins>" in edited.redline_html
    assert by_label[("8", "8")].changes == {"moved"}
    assert by_label[("1", "1")].changes == set()

    # Order: the new version's order, the removed OP3 where it stood (after OP2).
    labels = [(row.new or row.old).label for row in rows]
    assert labels == ["PP1", "PP2", "PP3", "8", "1", "2", "3", "4", "5", "6", "7", "7bis"]


def test_french_word_level_redline():
    html = redline.render_html(redline.diff(FRENCH["op"] % 5, FRENCH["op5_new"]))
    assert (
        html
        == "Décide de poursuivre<ins> activement</ins> l&#x27;examen de la question 5<ins> à sa prochaine session</ins>,"
    )


def test_arabic_word_level_redline_keeps_words_whole():
    html = redline.render_html(redline.diff(ARABIC["op"] % 5, ARABIC["op5_new"]))
    assert html == "يقرر مواصلة النظر <ins>بنشاط </ins>في المسألة 5<ins> في دورته المقبلة</ins>؛"


def test_arabic_diacritics_stay_inside_their_word():
    assert redline.tokenize("يَقْرَرُ مواصلة") == ["يَقْرَرُ", " ", "مواصلة"]


def test_chinese_is_compared_character_by_character():
    html = redline.render_html(redline.diff("人权理事会重申其承诺", "人权理事会再次重申其坚定承诺"))
    assert html == "人权理事会<ins>再次</ins>重申其<ins>坚定</ins>承诺"


def test_redline_escapes_markup():
    html = redline.render_html(redline.diff("a <b>", "a <script>"))
    assert "<script>" not in html
    assert html == "a &lt;<del>b</del><ins>script</ins>&gt;"


def test_compare_page_and_fragment(client, drafter):
    v1, v2, _keys = build(drafter, "fr", FRENCH)
    services.version_publish(version=v2, by=drafter, untranslated_ok=True)
    page = client.get("/fr/texts/compare-fr/compare/?from=1&to=2&text=fr")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<del>alinéa 2 du préambule</del> <ins>alinéa 3 du préambule</ins>" in html
    assert "paragraphe 7bis du dispositif" in html
    fragment = client.get("/fr/texts/compare-fr/compare/fragment/?from=1&to=2&text=fr")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert client.get("/fr/texts/compare-fr/compare/").status_code == 302  # picks the latest two


def test_compare_never_shows_an_unpublished_version_to_the_public(client, drafter):
    v1, v2, _keys = build(drafter, "fr", FRENCH)  # v2 still in editing
    assert client.get("/fr/texts/compare-fr/compare/?from=1&to=2").status_code == 404
    assert client.get("/fr/texts/compare-fr/compare/?from=1&to=2&text=xx").status_code == 404


def test_the_comparison_defaults_to_a_language_the_versions_have(client, drafter):
    """A French-only text compared from the English interface is compared in French, not shown
    as a table of empty, "unchanged" provisions."""
    build(drafter, "fr", FRENCH)
    services.version_publish(
        version=selectors.version_by_number(slug="compare-fr", number=2), by=drafter, untranslated_ok=True
    )
    html = client.get("/en/texts/compare-fr/compare/?from=1&to=2").content.decode()
    assert 'lang="fr" dir="ltr"' in html and "Soulignant le rôle" in html
    assert "not yet available" not in html


def test_missing_translations_are_said_with_a_link_to_the_original(client, drafter):
    build(drafter, "fr", FRENCH)
    services.version_publish(
        version=selectors.version_by_number(slug="compare-fr", number=2), by=drafter, untranslated_ok=True
    )
    html = client.get("/en/texts/compare-fr/compare/?from=1&to=2&text=en").content.decode()
    assert ">unchanged<" not in html
    assert "12 provisions are not yet available in English" in html  # 11, and the one removed
    assert html.count("Not yet available in English.") == 12
    assert "?from=1&amp;to=2&amp;text=fr" in html  # the original, French


def test_the_arabic_comparison_is_laid_out_right_to_left_with_the_text_marked(client, drafter):
    build(drafter, "ar", ARABIC)
    services.version_publish(
        version=selectors.version_by_number(slug="compare-ar", number=2), by=drafter, untranslated_ok=True
    )
    html = client.get("/ar/texts/compare-ar/compare/?from=1&to=2").content.decode()
    comparison = html[html.index('<section class="comparison">') :]  # in the page's language and direction
    assert '<td lang="ar" dir="rtl">' in comparison and 'lang="fr"' not in comparison
