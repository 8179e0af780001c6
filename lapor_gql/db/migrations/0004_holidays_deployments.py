from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_accounts_agencies_access')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Holiday',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('date', fields.DateField()),
                ('name', fields.CharField(max_length=200)),
                ('kind', fields.CharField(max_length=16)),
                ('agency', fields.ForeignKeyField('models.Agency', source_field='agency_id', null=True, db_constraint=True, to_field='id', related_name='holidays', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'holiday', 'app': 'models', 'unique_together': (('date', 'agency'),), 'indexes': [Index(fields=['date'], name='holiday_date_idx')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='ProcessDefinition',
            name='deployed_by',
            field=fields.ForeignKeyField('models.User', source_field='deployed_by_id', null=True, db_constraint=True, to_field='id', related_name='deployed_process_definitions', on_delete=OnDelete.RESTRICT),
        ),
    ]
