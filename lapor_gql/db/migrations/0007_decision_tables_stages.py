from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0006_idempotency_keys')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ProcessDefinition',
            name='decision_tables',
            field=fields.JSONField(default=list, db_default=[], encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Report',
            name='stage',
            field=fields.CharField(default='', db_default='', max_length=64),
        ),
        ops.AddField(
            model_name='Report',
            name='stage_labels',
            field=fields.JSONField(default=dict, db_default={}, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Report',
            name='reopen_count',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='Report',
            name='not_authority_count',
            field=fields.IntField(default=0, db_default=0),
        ),
        # Reports that existed before stages wait at a step that declares none: their stage is their
        # status. Their counts are those of their timeline.
        ops.RunSQL(
            [
                "UPDATE report SET stage = status WHERE stage = ''",
                "UPDATE report SET reopen_count = (SELECT COUNT(*) FROM report_event"
                " WHERE report_event.report_id = report.id AND report_event.action = 'reopen')",
                "UPDATE report SET not_authority_count = (SELECT COUNT(*) FROM report_event"
                " WHERE report_event.report_id = report.id AND report_event.action = 'request_not_authority')",
            ],
            reverse_sql="UPDATE report SET stage = ''",
        ),
        ops.AddIndex(
            model_name='Report',
            index=Index(fields=['stage', 'id'], name='report_stage_idx'),
        ),
    ]
