# Translated names for every field and model (the admin showed "organization", "PK" … in English). No change to the database.

import consultations.models.submissions
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0005_comment_counts'),
        ('drafts', '0005_field_names'),
        ('portal', '0005_field_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='amendmentincorporation',
            options={'verbose_name': 'incorporated amendment', 'verbose_name_plural': 'incorporated amendments'},
        ),
        migrations.AlterModelOptions(
            name='announcement',
            options={'verbose_name': 'announcement', 'verbose_name_plural': 'announcements'},
        ),
        migrations.AlterModelOptions(
            name='answer',
            options={'verbose_name': 'answer', 'verbose_name_plural': 'answers'},
        ),
        migrations.AlterModelOptions(
            name='commentcount',
            options={'verbose_name': 'comment count', 'verbose_name_plural': 'comment counts'},
        ),
        migrations.AlterModelOptions(
            name='notificationpreference',
            options={'verbose_name': 'notification preference', 'verbose_name_plural': 'notification preferences'},
        ),
        migrations.AlterModelOptions(
            name='submissionfile',
            options={'ordering': ['pk'], 'verbose_name': 'submitted file', 'verbose_name_plural': 'submitted files'},
        ),
        migrations.AlterField(
            model_name='activity',
            name='phase',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='activities', to='consultations.phase', verbose_name='phase'),
        ),
        migrations.AlterField(
            model_name='activitydocument',
            name='activity',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='consultations.activity', verbose_name='activity'),
        ),
        migrations.AlterField(
            model_name='amendmentincorporation',
            name='amendment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incorporations', to='consultations.comment', verbose_name='amendment'),
        ),
        migrations.AlterField(
            model_name='amendmentincorporation',
            name='linked_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='linked at'),
        ),
        migrations.AlterField(
            model_name='amendmentincorporation',
            name='linked_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='linked by'),
        ),
        migrations.AlterField(
            model_name='amendmentincorporation',
            name='provision',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='incorporations', to='drafts.provision', verbose_name='provision'),
        ),
        migrations.AlterField(
            model_name='announcement',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='announcement',
            name='key',
            field=models.CharField(max_length=100, unique=True, verbose_name='key'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='language',
            field=models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='question',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='consultations.question', verbose_name='question'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='response',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='consultations.questionnaireresponse', verbose_name='response'),
        ),
        migrations.AlterField(
            model_name='answer',
            name='text',
            field=models.TextField(blank=True, verbose_name='text'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to=settings.AUTH_USER_MODEL, verbose_name='author'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='claimed at'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='claimed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='claimed by'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='client_token',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='submission token'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='depth',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='depth'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='organization',
            field=models.ForeignKey(blank=True, help_text='Empty: an independent expert in their personal capacity.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='portal.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='parent',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replies', to='consultations.comment', verbose_name='parent'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='provision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='drafts.provision', verbose_name='provision'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='consultations.round', verbose_name='round'),
        ),
        migrations.AlterField(
            model_name='comment',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='comments', to='drafts.version', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='commentcount',
            name='n',
            field=models.IntegerField(default=0, verbose_name='number of comments'),
        ),
        migrations.AlterField(
            model_name='commentcount',
            name='position',
            field=models.CharField(max_length=8, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='commentcount',
            name='provision',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='drafts.provision', verbose_name='provision'),
        ),
        migrations.AlterField(
            model_name='commentcount',
            name='public',
            field=models.BooleanField(verbose_name='public'),
        ),
        migrations.AlterField(
            model_name='commentcount',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='drafts.version', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='cosignature',
            name='comment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cosignatures', to='consultations.comment', verbose_name='comment'),
        ),
        migrations.AlterField(
            model_name='cosignature',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='decided at'),
        ),
        migrations.AlterField(
            model_name='cosignature',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by'),
        ),
        migrations.AlterField(
            model_name='cosignature',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cosignatures', to='portal.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='cosignature',
            name='status',
            field=models.CharField(choices=[('requested', 'Awaiting confirmation'), ('confirmed', 'Confirmed'), ('declined', 'Declined')], default='requested', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='flag',
            name='comment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='flags', to='consultations.comment', verbose_name='comment'),
        ),
        migrations.AlterField(
            model_name='flag',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='flag',
            name='reporter',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reporter'),
        ),
        migrations.AlterField(
            model_name='flag',
            name='resolved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='resolved at'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='comment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='consultations.comment', verbose_name='comment'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='from_state',
            field=models.CharField(max_length=10, verbose_name='from state'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='moderator',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='moderator'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='reason',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='consultations.moderationreason', verbose_name='reason'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='submission',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='consultations.submission', verbose_name='submission'),
        ),
        migrations.AlterField(
            model_name='moderationdecision',
            name='to_state',
            field=models.CharField(max_length=10, verbose_name='to state'),
        ),
        migrations.AlterField(
            model_name='moderationreason',
            name='position',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='position'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='attempts'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='context',
            field=models.JSONField(default=dict, verbose_name='context'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='next_attempt_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='recipient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='sent at'),
        ),
        migrations.AlterField(
            model_name='notificationpreference',
            name='enabled',
            field=models.BooleanField(default=True, verbose_name='enabled'),
        ),
        migrations.AlterField(
            model_name='notificationpreference',
            name='kind',
            field=models.CharField(choices=[('decision', 'A decision on my contribution'), ('reply', 'A reply to my comment'), ('cosign_request', 'A request to co-sign for my organization'), ('new_version', 'A new version of a text I commented on'), ('round_opening', 'A round opening within 48 hours'), ('round_closing', 'A round closing within 48 hours')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='notificationpreference',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='phase',
            name='instrument',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='phases', to='drafts.instrument', verbose_name='instrument'),
        ),
        migrations.AlterField(
            model_name='question',
            name='questionnaire',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='questions', to='consultations.questionnaire', verbose_name='questionnaire'),
        ),
        migrations.AlterField(
            model_name='questionnaire',
            name='instrument',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='questionnaires', to='drafts.instrument', verbose_name='instrument'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='portal.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='questionnaire',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='consultations.questionnaire', verbose_name='questionnaire'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='respondent',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to=settings.AUTH_USER_MODEL, verbose_name='respondent'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='consultations.round', verbose_name='round'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted')], default='draft', max_length=10, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.AlterField(
            model_name='questionnaireresponse',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='updated at'),
        ),
        migrations.AlterField(
            model_name='round',
            name='phase',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='consultations.phase', verbose_name='phase'),
        ),
        migrations.AlterField(
            model_name='round',
            name='questionnaire',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='consultations.questionnaire', verbose_name='questionnaire'),
        ),
        migrations.AlterField(
            model_name='round',
            name='version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='drafts.version', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to=settings.AUTH_USER_MODEL, verbose_name='author'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='claimed at'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='claimed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='claimed by'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='client_token',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='submission token'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='portal.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='consultations.round', verbose_name='round'),
        ),
        migrations.AlterField(
            model_name='submissionfile',
            name='file',
            field=models.FileField(upload_to=consultations.models.submissions.submission_file_path, verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='submissionfile',
            name='original_name',
            field=models.CharField(max_length=200, verbose_name='original name'),
        ),
        migrations.AlterField(
            model_name='submissionfile',
            name='size',
            field=models.PositiveIntegerField(verbose_name='size'),
        ),
        migrations.AlterField(
            model_name='submissionfile',
            name='submission',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='files', to='consultations.submission', verbose_name='submission'),
        ),
    ]
