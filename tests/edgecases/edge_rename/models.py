from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=30)


class Article(models.Model):
    title = models.CharField(max_length=80, db_index=True)
    tags = models.ManyToManyField(Tag)
