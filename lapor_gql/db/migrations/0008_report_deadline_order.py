from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0007_decision_tables_stages')]

    initial = False

    operations = [
        # Report lists in DEADLINE order ("overdue first") read these in order instead of sorting.
        ops.AddIndex(
            model_name='Report',
            index=Index(fields=['agency_id', 'deadline', 'id'], name='report_agency_deadline_idx'),
        ),
        ops.AddIndex(
            model_name='Report',
            index=Index(fields=['deadline', 'id'], name='report_deadline_idx'),
        ),
    ]
