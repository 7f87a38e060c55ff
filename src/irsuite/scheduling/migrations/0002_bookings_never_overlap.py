from django.db import migrations

from irsuite.scheduling.booking.overlap_sql import statements


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_rooms_availability_and_bookings")]

    operations = [migrations.RunPython(create, drop)]
