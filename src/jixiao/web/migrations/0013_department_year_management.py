from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jixiao", "0012_publication"),
    ]

    operations = [
        migrations.AddField(
            model_name="departmentyear",
            name="management",
            field=models.JSONField(blank=True, default=list, verbose_name="决算与管理数据"),
        ),
        migrations.AddField(
            model_name="historicaldepartmentyear",
            name="management",
            field=models.JSONField(blank=True, default=list, verbose_name="决算与管理数据"),
        ),
    ]
