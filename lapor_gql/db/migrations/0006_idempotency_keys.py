from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_notification_outbox')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('actor', fields.CharField(max_length=40)),
                ('key_hash', fields.CharField(max_length=64)),
                ('request_hash', fields.CharField(max_length=64)),
                ('result_type', fields.CharField(default='', max_length=40)),
                ('result_id', fields.BigIntField(null=True)),
                ('response', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'idempotency_key', 'app': 'models', 'unique_together': (('actor', 'key_hash'),), 'indexes': [Index(fields=['expires_at'], name='idempotency_key_expiry_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
