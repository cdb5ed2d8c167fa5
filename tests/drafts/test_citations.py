"""Provisions are cited as readers cite them, in each language, by one function (drafts.citations)
used by the reading pages, the comparison, the history and edit pages, the moderation queue, the
trace page, the compilation and the analytics."""

import pytest
from django.utils import translation

from drafts import services
from drafts.citations import cite

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(drafter):
    instrument = services.instrument_create(by=drafter, slug="cited", title="Cited")
    version = services.version_create(instrument=instrument, by=drafter, label="One", original_language="fr")
    made = {}

    def add(name, kind, label, parent=None, texts=None):
        made[name] = services.provision_create(
            version=version, by=drafter, kind=kind, label=label, parent=made.get(parent), texts=texts or {}
        )

    add("heading", "heading", "H1", texts={"fr": "Le Conseil des droits de l’homme,"})
    add("preamble", "preamble", "PP4", texts={"fr": "Réaffirmant,"})
    add("operative", "operative", "7", texts={"fr": "Décide,"})
    add("op_letter", "subparagraph", "(b)", parent="operative", texts={"fr": "b) point"})
    add("article", "article", "Article 2", texts={"fr": "Titre"})
    add("paragraph", "paragraph", "1", parent="article", texts={"fr": "Paragraphe"})
    add("letter", "subparagraph", "(b)", parent="paragraph", texts={"fr": "b) point"})
    add("item", "subparagraph", "(ii)", parent="letter", texts={"fr": "ii) item"})
    add("report", "paragraph", "12", texts={"fr": "Paragraphe d’un rapport"})
    return made


EXPECTED = {
    "en": {
        "preamble": "preambular paragraph 4",
        "operative": "operative paragraph 7",
        "op_letter": "operative paragraph 7 (b)",
        "article": "Article 2",
        "paragraph": "Article 2, paragraph 1",
        "letter": "Article 2, paragraph 1 (b)",
        "item": "Article 2, paragraph 1 (b) (ii)",
        "report": "paragraph 12",
    },
    "fr": {
        "preamble": "alinéa 4 du préambule",
        "operative": "paragraphe 7 du dispositif",
        "letter": "article 2, paragraphe 1 b)",
        "item": "article 2, paragraphe 1 b) ii)",
    },
    "es": {
        "preamble": "párrafo 4 del preámbulo",
        "operative": "párrafo 7 de la parte dispositiva",
        "letter": "artículo 2, párrafo 1 b)",
    },
    "ru": {
        "preamble": "пункт 4 преамбулы",
        "operative": "пункт 7 постановляющей части",
        "letter": "статья 2, пункт 1, подпункт б)",
        "item": "статья 2, пункт 1, подпункт б), подпункт ii)",
    },
    "ar": {
        "preamble": "الفقرة 4 من الديباجة",
        "operative": "الفقرة 7 من المنطوق",
        "article": "المادة 2",
        "letter": "الفقرة الفرعية (ب) من الفقرة 1 من المادة 2",
    },
    "zh-hans": {
        "preamble": "序言部分第4段",
        "operative": "执行部分第7段",
        "article": "第2条",
        "paragraph": "第2条第1款",
        "letter": "第2条第1款(b)项",
    },
}
CASES = [(language, name, words) for language, names in EXPECTED.items() for name, words in names.items()]


@pytest.mark.parametrize("language, name, words", CASES)
def test_provisions_are_cited_as_readers_cite_them(text, language, name, words):
    citation = cite(text[name], language)
    assert (citation.text, citation.language) == (words, language)


def test_the_active_language_is_the_default(text):
    with translation.override("fr"):
        assert str(cite(text["preamble"])) == "alinéa 4 du préambule"


def test_a_heading_is_cited_by_its_words_in_their_own_language(text):
    heading = cite(text["heading"], "en")  # no English words: the original's, marked as French
    assert (heading.text, heading.language) == ("Le Conseil des droits de l’homme,", "fr")
    assert "H1" not in heading.text


def test_parents_may_come_from_the_provisions_at_hand(text, django_assert_num_queries):
    item = text["item"]
    by_pk = {p.pk: p for p in item.version.provisions.all()}
    item = by_pk[item.pk]
    with django_assert_num_queries(0):
        assert cite(item, "en", by_pk=by_pk).text == "Article 2, paragraph 1 (b) (ii)"
