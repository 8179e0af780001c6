from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_statistics_facts')]

    initial = False

    operations = [
        # The reporter's rating of the resolution (a diagram-declared `rating` input), cleared when
        # the report passes an element marked `rating` = `clear` (a reopening).
        ops.AddField(
            model_name='Report',
            name='rating_score',
            field=fields.SmallIntField(null=True),
        ),
        ops.AddField(
            model_name='Report',
            name='rating_comment',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='Report',
            name='rated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        # What the satisfaction figures count: the rating standing now (db.statistics_queries).
        ops.AddField(
            model_name='ReportFact',
            name='rating_score',
            field=fields.SmallIntField(null=True),
        ),
    ]
