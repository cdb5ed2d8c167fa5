"""The six-language shell: prefixes, direction, switcher, health, translated 404."""

import pytest


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [
        ("ar", "ar", "rtl"),
        ("zh-hans", "zh-hans", "ltr"),
        ("en", "en", "ltr"),
        ("fr", "fr", "ltr"),
        ("ru", "ru", "ltr"),
        ("es", "es", "ltr"),
    ],
)
def test_every_language_has_its_prefix_and_direction(client, prefix, lang, direction):
    response = client.get(f"/{prefix}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


@pytest.mark.django_db
def test_root_redirects_to_a_language_prefix(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_every_language(client):
    html = client.get("/fr/").content.decode()
    for code in ["ar", "zh-hans", "en", "ru", "es"]:
        direction = "rtl" if code == "ar" else "ltr"
        assert f'href="/{code}/" lang="{code}" dir="{direction}" hreflang="{code}"' in html
    assert 'href="/fr/" lang="fr" dir="ltr" hreflang="fr" aria-current="true"' in html
    assert ">العربيّة<" in html and ">简体中文<" in html


@pytest.mark.django_db
def test_interface_is_translated(client):
    assert "Aller au contenu" in client.get("/fr/").content.decode()
    assert "تخطي إلى المحتوى" in client.get("/ar/").content.decode()


@pytest.mark.django_db
def test_unknown_language_prefix_is_a_translated_404(client):
    response = client.get("/xx/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    response = client.get("/xx/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
