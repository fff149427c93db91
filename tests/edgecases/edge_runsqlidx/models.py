from django.db import models


class Doc(models.Model):
    title = models.CharField(max_length=100)
    summary = models.CharField(max_length=100)
    body = models.TextField()


class Memo(models.Model):
    body = models.TextField()
    note = models.CharField(max_length=50)
