from __future__ import annotations

from django.db import models

from balai.accounts.models import User
from balai.regions.models import Kelurahan
from balai.registry.models import Person


class Company(models.Model):
    name = models.CharField(max_length=100)
    members = models.ManyToManyField(User, related_name="+")

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    """A job at a place of work: personal data of nobody, but seen by area and by company."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(max_length=100)
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.title


class Applicant(models.Model):
    """A resident applying for a vacancy: theirs, their kelurahan's and the company's to see."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applicants")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.vacancy_id}"


def companies_of(user: User) -> models.QuerySet[Company]:
    """Return the companies `user` works for: the owners an employer acts for."""
    return Company.objects.filter(members=user)
