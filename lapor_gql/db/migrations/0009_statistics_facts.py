from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0008_report_deadline_order')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DispositionFact',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('report', fields.ForeignKeyField('models.Report', source_field='report_id', db_constraint=True, to_field='id', related_name='disposition_facts', on_delete=OnDelete.RESTRICT)),
                ('agency_id', fields.IntField()),
                ('cause', fields.CharField(max_length=16)),
                ('classification', fields.CharField(max_length=24)),
                ('category', fields.CharField(default='', max_length=100)),
                ('is_confidential', fields.BooleanField(default=False)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('started_on', fields.DateField()),
                ('started_month', fields.IntField()),
                ('deadline', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('first_answer_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('first_answer_by_id', fields.IntField(null=True)),
                ('days_to_answer', fields.FloatField(null=True)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'disposition_fact', 'app': 'models', 'indexes': [Index(fields=['started_on', 'agency_id'], name='disposition_fact_started_idx'), Index(fields=['agency_id', 'started_on'], name='disposition_fact_agency_idx'), Index(fields=['report_id', 'id'], name='disposition_fact_report_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportFact',
            fields=[
                ('report', fields.OneToOneField('models.Report', source_field='report_id', primary_key=True, db_index=True, db_constraint=True, to_field='id', related_name='fact', on_delete=OnDelete.RESTRICT)),
                ('agency_id', fields.IntField(null=True)),
                ('classification', fields.CharField(max_length=24)),
                ('category', fields.CharField(default='', max_length=100)),
                ('is_confidential', fields.BooleanField(default=False)),
                ('status', fields.CharField(max_length=32)),
                ('deadline', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('submitted_on', fields.DateField()),
                ('submitted_month', fields.IntField()),
                ('first_disposed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('first_answer_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('first_closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('days_to_disposition', fields.FloatField(null=True)),
                ('days_to_first_answer', fields.FloatField(null=True)),
                ('days_to_closure', fields.FloatField(null=True)),
                ('auto_closed', fields.BooleanField(default=False)),
                ('reopen_count', fields.IntField(default=0)),
                ('escalated', fields.BooleanField(default=False)),
                ('not_authority_requested', fields.IntField(default=0)),
                ('not_authority_accepted', fields.IntField(default=0)),
                ('not_authority_rejected', fields.IntField(default=0)),
            ],
            options={'table': 'report_fact', 'app': 'models', 'indexes': [Index(fields=['submitted_on', 'agency_id'], name='report_fact_submitted_idx'), Index(fields=['agency_id', 'submitted_on'], name='report_fact_agency_idx')], 'pk_attr': 'report_id'},
            bases=['Model'],
        ),
    ]
