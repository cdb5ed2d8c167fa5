from django.db import migrations

# A published or superseded version, and its provisions, refuse every change in PostgreSQL
# itself, whatever sends it (raw SQL included). The one change allowed is the publishing
# service's: a frozen version's status becomes "superseded" and nothing else changes. Reading
# the version FOR SHARE makes a provision write wait for a publication in progress, then see it.
# SQLite keeps the guard in Python (drafts/models.py).
FROZEN = "('published', 'superseded')"

CREATE = f"""
CREATE FUNCTION drafts_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status IN {FROZEN} THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'version % is %: it cannot be deleted', OLD.id, OLD.status
                USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW IS DISTINCT FROM OLD AND NOT (
            NEW.status = 'superseded' AND to_jsonb(NEW) - 'status' = to_jsonb(OLD) - 'status'
        ) THEN
            RAISE EXCEPTION 'version % is %: it cannot be changed', OLD.id, OLD.status
                USING ERRCODE = 'restrict_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER drafts_version_frozen BEFORE UPDATE OR DELETE ON drafts_version
    FOR EACH ROW EXECUTE FUNCTION drafts_version_frozen();

CREATE FUNCTION drafts_provision_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM 1 FROM drafts_version WHERE id = OLD.version_id AND status IN {FROZEN} FOR SHARE;
        IF FOUND THEN
            RAISE EXCEPTION 'provision % belongs to a frozen version', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM 1 FROM drafts_version WHERE id = NEW.version_id AND status IN {FROZEN} FOR SHARE;
        IF FOUND THEN
            RAISE EXCEPTION 'version % is frozen: no provision can be added to it', NEW.version_id
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER drafts_provision_frozen BEFORE INSERT OR UPDATE OR DELETE ON drafts_provision
    FOR EACH ROW EXECUTE FUNCTION drafts_provision_frozen();
"""

DROP = """
DROP TRIGGER IF EXISTS drafts_provision_frozen ON drafts_provision;
DROP FUNCTION IF EXISTS drafts_provision_frozen();
DROP TRIGGER IF EXISTS drafts_version_frozen ON drafts_version;
DROP FUNCTION IF EXISTS drafts_version_frozen();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: RAISE formats use %

    return run


class Migration(migrations.Migration):
    dependencies = [("drafts", "0005_field_names")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
