from django.db import migrations, models


def split_code_and_text(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Requests flagged before kept "code text" in one field: the code was its first word."""
    Request = apps.get_model("cases", "Request")
    for request in Request.objects.exclude(unmapped_code="").only("pk", "unmapped_code"):
        code, _, text = request.unmapped_code.strip().partition(" ")
        Request.objects.filter(pk=request.pk).update(unmapped_code=code, unmapped_text=text.strip())


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_result_notices"),
    ]

    operations = [
        migrations.AddField(
            model_name="request",
            name="unmapped_text",
            field=models.CharField(
                blank=True, help_text="The text the order gave with that code.", max_length=200
            ),
        ),
        migrations.RunPython(split_code_and_text, migrations.RunPython.noop),
    ]
