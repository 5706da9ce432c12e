from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jixiao", "0006_lock_override_and_chinese_names"),
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
