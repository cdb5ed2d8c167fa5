"""Finding 8: permissions were written twice, and six were defined but asked by no path. Every
permission a rules.py defines is asked by some view, service, template or admin; the rules the
services used to repeat are gone."""

import re
from pathlib import Path

import rules
from django.contrib import admin

ROOT = Path(__file__).resolve().parents[1]
APPS = ("portal", "drafts", "consultations")
ADMIN_ACTIONS = ("view", "add", "change", "delete")
DJANGOS_OWN = ("BaseModelAdmin.", "InlineModelAdmin.")  # these ask the model permission


def sources():
    """The text of every view, service, selector, admin and template (rules.py, which only
    defines, and migrations excepted)."""
    files = [path for app in APPS for path in (ROOT / app).rglob("*.py")]
    files = [path for path in files if path.name != "rules.py" and "migrations" not in path.parts]
    files += list((ROOT / "templates").rglob("*.html"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def asked_in_code(permission, text):
    """Asked by a call (user.has_perm("…"), require(user, "…"), reason_refused(user, "…")), the
    rules template tag ({% has_perm "…" user obj %}) or Django's `perms` in a template."""
    quoted = re.escape(f'"{permission}"')
    app, _sep, name = permission.partition(".")
    return bool(
        re.search(rf"(has_perm\(\s*|(require|reason_refused)\(\s*[\w.]+,\s*){quoted}", text)
        or re.search(rf"{{% has_perm {quoted}", text)
        or f"perms.{app}.{name}" in text
    )


def asked_by_the_admin(permission):
    """Django's admin asks `<app>` for an application's index, and `<app>.<action>_<model>` of
    a registered model (or inline) whose admin keeps Django's own has_<action>_permission."""
    if "." not in permission:
        return any(model._meta.app_label == permission for model in admin.site._registry)
    app, codename = permission.split(".")
    action, _sep, model_name = codename.partition("_")
    if action not in ADMIN_ACTIONS:
        return False
    askers = []
    for model, model_admin in admin.site._registry.items():
        askers += [(model, type(model_admin)), *((inline.model, inline) for inline in model_admin.inlines)]
    return any(
        (model._meta.app_label, model._meta.model_name) == (app, model_name)
        and getattr(asker, f"has_{action}_permission").__qualname__.startswith(DJANGOS_OWN)
        for model, asker in askers
    )


def test_every_defined_permission_is_asked_by_some_path():
    text = sources()
    unasked = []
    for permission in sorted(rules.permissions.permissions):
        if not (asked_in_code(permission, text) or asked_by_the_admin(permission)):
            unasked.append(permission)
    assert unasked == [], f"defined but asked by no view, service, template or admin: {unasked}"


def test_the_services_no_longer_repeat_the_rules():
    text = sources()
    for copy in ("def ensure_open", "def _own_open_comment", "def ensure_editable", "def _ensure_moderator"):
        assert copy not in text, copy
    assert not re.search(r"comment\.round\.state\s*==\s*RoundState\.OPEN", text)  # _comment.html's report check
