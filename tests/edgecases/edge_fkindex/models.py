from django.db import models


class Owner(models.Model):
    name = models.CharField(max_length=20)


class Pet(models.Model):
    owner = models.ForeignKey(Owner, models.CASCADE, null=True)
    name = models.CharField(max_length=20)


class Visit(models.Model):
    pet = models.ForeignKey(Pet, models.CASCADE)
    day = models.DateField()
