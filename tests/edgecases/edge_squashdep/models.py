from django.db import models


class Review(models.Model):
    author = models.ForeignKey("edge_squash.Author", models.CASCADE)
    text = models.CharField(max_length=200, unique=True)
