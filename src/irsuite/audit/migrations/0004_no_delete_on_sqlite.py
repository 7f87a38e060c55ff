"""The audit table refuses deletions on SQLite too, as it does on PostgreSQL.

Emptying the whole database (Django's `flush`, which the test runner uses between tests that
commit) is not a deletion of the log's history in a running department; it drops and re-creates
this trigger around itself there (see tests/conftest.py), never in the product.
"""

from django.db import migrations

CREATE = (
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
)
DROP = "DROP TRIGGER IF EXISTS audit_no_delete;"


def _on_sqlite(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_login_events")]

    operations = [migrations.RunPython(_on_sqlite(CREATE), _on_sqlite(DROP))]
