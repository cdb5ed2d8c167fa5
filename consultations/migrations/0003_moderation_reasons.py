from django.db import migrations

# The secretariat's starting list of reasons; edited in the admin afterwards.
REASONS = [
    {"label_en": "Off-topic", "label_fr": "Hors sujet", "label_es": "Fuera de tema", "label_ru": "Не по теме",
     "label_ar": "خارج الموضوع", "label_zh_hans": "离题"},
    {"label_en": "Offensive or abusive language", "label_fr": "Propos injurieux ou offensants", "label_es": "Lenguaje ofensivo o abusivo",
     "label_ru": "Оскорбительные высказывания", "label_ar": "لغة مسيئة أو جارحة", "label_zh_hans": "冒犯性或辱骂性语言"},
    {"label_en": "Duplicate of another contribution", "label_fr": "Doublon d'une autre contribution", "label_es": "Duplicado de otra contribución",
     "label_ru": "Повтор другого материала", "label_ar": "تكرار لمساهمة أخرى", "label_zh_hans": "与其他意见重复"},
    {"label_en": "Contains personal data", "label_fr": "Contient des données personnelles", "label_es": "Contiene datos personales",
     "label_ru": "Содержит персональные данные", "label_ar": "يتضمن بيانات شخصية", "label_zh_hans": "包含个人数据"},
]


def create_reasons(apps, schema_editor):
    ModerationReason = apps.get_model("consultations", "ModerationReason")
    for position, values in enumerate(REASONS):
        ModerationReason.objects.get_or_create(label_en=values["label_en"], defaults={**values, "label": values["label_en"], "position": position})


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_moderation_and_notifications")]

    operations = [migrations.RunPython(create_reasons, migrations.RunPython.noop)]
