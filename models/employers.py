"""Employers with their policies and stacking service agreements (SPEC §3, seed 001 "Dienstverlening")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, fk, utcnow
from .catalog import ContractModel, InsuranceProduct, Label, Referrer, ServiceVariation


class Employer(db.Model):
    """Werkgever: the customer, registered under a label, optionally via a referrer."""

    __tablename__ = "employers"
    __table_args__ = (
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("kvk_number"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        sa.CheckConstraint(
            "kvk_number IS NULL OR (length(kvk_number) = 8 AND ltrim(kvk_number, '0123456789') = '')",
            name="kvk_number_eight_digits",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kvk_number: Mapped[str | None] = mapped_column(sa.String(8))
    label_id: Mapped[int] = mapped_column(fk("labels.id"), index=True)
    label: Mapped[Label] = relationship()
    referrer_id: Mapped[int | None] = mapped_column(fk("referrers.id"), index=True)
    referrer: Mapped[Referrer | None] = relationship()
    address: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    policies: Mapped[list[Policy]] = relationship(back_populates="employer", order_by="Policy.start_date")
    agreements: Mapped[list[ServiceAgreement]] = relationship(
        back_populates="employer", order_by="ServiceAgreement.start_date"
    )
    workforces: Mapped[list[EmployerWorkforce]] = relationship(
        back_populates="employer", order_by="EmployerWorkforce.valid_from"
    )

    def __str__(self) -> str:
        return self.name


class Policy(db.Model):
    """Polis: an employer's insurance contract for a product, for a period."""

    __tablename__ = "policies"
    __table_args__ = (
        sa.UniqueConstraint("insurance_product_id", "policy_number"),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period_in_order"),
        sa.CheckConstraint("length(trim(policy_number)) > 0", name="number_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(fk("employers.id"), index=True)
    employer: Mapped[Employer] = relationship(back_populates="policies")
    insurance_product_id: Mapped[int] = mapped_column(fk("insurance_products.id"), index=True)
    product: Mapped[InsuranceProduct] = relationship()
    policy_number: Mapped[str] = mapped_column(sa.String(50))
    start_date: Mapped[dt.date] = mapped_column()
    end_date: Mapped[dt.date | None] = mapped_column()

    def __str__(self) -> str:
        return f"{self.policy_number} ({self.product.name if self.product else '?'})"


class ServiceAgreement(db.Model):
    """Dienstverleningsovereenkomst: a variation taken in a period under a contract model; agreements stack.

    When it is delivered for an insured interest ("verzekerd belang"), it names the policy and the mandate.
    """

    __tablename__ = "service_agreements"
    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period_in_order"),
        sa.CheckConstraint("mandate IS NULL OR mandate >= 0", name="mandate_not_negative"),
        sa.CheckConstraint("mandate IS NULL OR policy_id IS NOT NULL", name="mandate_needs_policy"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(fk("employers.id"), index=True)
    employer: Mapped[Employer] = relationship(back_populates="agreements")
    service_variation_id: Mapped[int] = mapped_column(fk("service_variations.id"), index=True)
    variation: Mapped[ServiceVariation] = relationship()
    contract_model_id: Mapped[int | None] = mapped_column(fk("contract_models.id"), index=True)
    contract_model: Mapped[ContractModel | None] = relationship()
    policy_id: Mapped[int | None] = mapped_column(fk("policies.id"), index=True)
    policy: Mapped[Policy | None] = relationship()
    mandate: Mapped[Decimal | None] = mapped_column()
    start_date: Mapped[dt.date] = mapped_column()
    end_date: Mapped[dt.date | None] = mapped_column()

    def valid_on(self, day: dt.date) -> bool:
        """Whether the agreement's period covers `day`."""
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class EmployerWorkforce(db.Model):
    """Personeelsbestand: how many employees (and fte) an employer has in a period, its whole workforce.

    Traject knows only the employees who were reported sick; the absence figures (casework.absence_figures)
    count the available days over this figure where it is known. Periods of one employer do not overlap
    (casework.workforce checks it). The fte is at most the headcount × 60/38: no one works more than the
    Arbeidstijdenwet's 60 hours a week, the same bound an employee's contract hours have.
    """

    __tablename__ = "employer_workforces"
    __table_args__ = (
        sa.UniqueConstraint("employer_id", "valid_from"),
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="period_in_order"),
        sa.CheckConstraint("headcount >= 1 AND headcount <= 1000000", name="headcount_in_range"),
        sa.CheckConstraint("fte > 0 AND fte * 38 <= headcount * 60", name="fte_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(fk("employers.id"), index=True)
    employer: Mapped[Employer] = relationship(back_populates="workforces")
    valid_from: Mapped[dt.date] = mapped_column()
    valid_until: Mapped[dt.date | None] = mapped_column()
    headcount: Mapped[int] = mapped_column()
    fte: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2, asdecimal=True))

    def valid_on(self, day: dt.date) -> bool:
        """Whether the figure's period covers `day`."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
