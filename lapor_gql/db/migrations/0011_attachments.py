from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0010_report_rating')]

    initial = False

    operations = [
        # Files on reports: metadata and a content hash here, the bytes in the file store.
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=64)),
                ('thumbnail_key', fields.CharField(null=True, max_length=64)),
                ('sha256', fields.CharField(max_length=64)),
                ('size', fields.BigIntField()),
                ('media_type', fields.CharField(max_length=100)),
                ('filename', fields.CharField(max_length=200)),
                ('width', fields.IntField(null=True)),
                ('height', fields.IntField(null=True)),
                ('uploaded_by', fields.ForeignKeyField('models.User', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('report', fields.ForeignKeyField('models.Report', source_field='report_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('event', fields.ForeignKeyField('models.ReportEvent', source_field='event_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.RESTRICT)),
                ('is_internal', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attachment', 'app': 'models', 'indexes': [Index(fields=['report_id', 'id'], name='attachment_report_idx'), Index(fields=['event_id'], name='attachment_event_idx'), Index(fields=['attached_at', 'created_at'], name='attachment_pending_idx'), Index(fields=['thumbnail_key'], name='attachment_thumbnail_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        # The download URLs' signing key when no setting gives one, shared by every server.
        ops.CreateModel(
            name='SharedSecret',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('purpose', fields.CharField(unique=True, max_length=40)),
                ('value', fields.CharField(max_length=128)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'shared_secret', 'app': 'models', 'indexes': [], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
