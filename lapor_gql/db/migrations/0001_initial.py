from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Agency',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('parent', fields.ForeignKeyField('models.Agency', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('address', fields.CharField(default='', max_length=300)),
                ('phone', fields.CharField(default='', max_length=32)),
                ('email', fields.CharField(default='', max_length=254)),
                ('website', fields.CharField(default='', max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'agency', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProcessDefinition',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('process_id', fields.CharField(max_length=100)),
                ('version', fields.IntField()),
                ('bpmn_xml', fields.TextField(unique=False)),
                ('sha256', fields.CharField(max_length=64)),
                ('note', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'process_definition', 'app': 'models', 'unique_together': (('process_id', 'version'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('password_hash', fields.CharField(max_length=200)),
                ('role', fields.CharField(max_length=16)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', null=True, db_constraint=True, to_field='id', related_name='liaisons', on_delete=OnDelete.RESTRICT)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'app_user', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AccessToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'access_token', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Report',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tracking_number', fields.CharField(unique=True, max_length=20)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('classification', fields.CharField(max_length=24)),
                ('category', fields.CharField(default='', max_length=100)),
                ('location_text', fields.CharField(default='', max_length=300)),
                ('latitude', fields.FloatField(null=True)),
                ('longitude', fields.FloatField(null=True)),
                ('incident_date', fields.DateField(null=True)),
                ('is_anonymous', fields.BooleanField(default=False)),
                ('is_confidential', fields.BooleanField(default=False)),
                ('reporter', fields.ForeignKeyField('models.User', source_field='reporter_id', null=True, db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.RESTRICT)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', null=True, db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharField(max_length=32)),
                ('deadline', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('is_overdue', fields.BooleanField(default=False)),
                ('pending_actions', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'report', 'app': 'models', 'indexes': [Index(fields=['status', 'id'], name='report_status_idx'), Index(fields=['agency_id', 'id'], name='report_agency_idx'), Index(fields=['is_overdue', 'id'], name='report_overdue_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('report', fields.ForeignKeyField('models.Report', source_field='report_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.RESTRICT)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='report_events', on_delete=OnDelete.RESTRICT)),
                ('actor_role', fields.CharField(max_length=16)),
                ('action', fields.CharField(max_length=40)),
                ('from_status', fields.CharField(null=True, max_length=32)),
                ('to_status', fields.CharField(null=True, max_length=32)),
                ('message', fields.TextField(default='', unique=False)),
                ('internal_note', fields.TextField(default='', unique=False)),
                ('is_public', fields.BooleanField(default=True)),
                ('details', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'report_event', 'app': 'models', 'indexes': [Index(fields=['report_id', 'id'], name='report_event_report_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportWorkflow',
            fields=[
                ('report', fields.OneToOneField('models.Report', source_field='report_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='workflow', on_delete=OnDelete.RESTRICT)),
                ('definition', fields.ForeignKeyField('models.ProcessDefinition', source_field='definition_id', db_constraint=True, to_field='id', related_name='workflows', on_delete=OnDelete.RESTRICT)),
                ('state', fields.TextField(unique=False)),
                ('next_timer_due_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'report_workflow', 'app': 'models', 'indexes': [Index(fields=['next_timer_due_at'], name='report_workflow_due_idx')], 'pk_attr': 'report_id'},
            bases=['Model'],
        ),
    ]
