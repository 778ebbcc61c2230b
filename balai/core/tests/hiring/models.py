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


class BusinessGroup(models.Model):
    """Residents running a business together (enterprise's group, which is not built yet):
    a list that messages may be addressed to."""

    name = models.CharField(max_length=100)
    members = models.ManyToManyField(Person, related_name="+")

    def __str__(self) -> str:
        return self.name


def group_members(key: str) -> models.QuerySet[Person]:
    """Return the members of the business group with id `key`: a recipient list's members."""
    return Person.objects.filter(
        pk__in=BusinessGroup.members.through.objects.filter(businessgroup_id=int(key)).values(
            "person_id"
        )
    )


def company_contacts(key: str) -> models.QuerySet[User]:
    """Return the accounts of the company with id `key`: its contacts."""
    return User.objects.filter(
        pk__in=Company.members.through.objects.filter(company_id=int(key)).values("user_id")
    )


def companies_of(user: User) -> models.QuerySet[Company]:
    """Return the companies `user` works for: the owners an employer acts for."""
    return Company.objects.filter(members=user)
