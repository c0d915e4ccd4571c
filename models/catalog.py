"""The configurable catalog: categories, end goals, regions, characteristics, end reasons, service types and
variations, labels, insurers and their products, referrers and contract models (SPEC §3)."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import ConfigListMixin, association, db, enum_column, fk, name_not_blank

if TYPE_CHECKING:
    from .agenda import ConsultType
    from .process import TaskTemplate, TrajectoryTemplate


class Outcome(enum.StrEnum):
    """The outcome class of an end reason, used by the reports."""

    SUCCESS = "success"
    NOT_SUCCESSFUL = "not_successful"
    NO_APPROVAL = "no_approval"
    OTHER = "other"
    ERRONEOUS = "erroneous"  # foutief opgevoerd: the trajectory counts in no outcome figure (only apart)


class SickReportOutcome(enum.StrEnum):
    """The outcome class of a sick report's end reason (SPEC §7), which the reports count by."""

    OWN_WORK = "own_work"  # werkhervatting in het eigen werk
    ADAPTED_WORK = "adapted_work"  # aangepast werk bij de eigen werkgever
    OTHER_EMPLOYER = "other_employer"  # ander werk bij een andere werkgever
    OTHER_OUTFLOW = "other_outflow"  # overige uitstroom: uit dienst, overleden, ...
    WAITING_TIME_END = "waiting_time_end"  # einde wachttijd / WIA
    RETIREMENT = "retirement"  # pensioen
    ERRONEOUS = "erroneous"  # foutief opgevoerd: left out of every figure

    @property
    def work_resumption(self) -> bool:
        """Whether this class is arbeidsuitstroom (work resumption in own, adapted or other work)."""
        return self in WORK_RESUMPTION_OUTCOMES


# Arbeidsuitstroom (SPEC §7): the classes that are work resumption; overige uitstroom is OTHER_OUTFLOW; a report
# entered in error counts in neither numerator nor denominator.
WORK_RESUMPTION_OUTCOMES = frozenset(
    {SickReportOutcome.OWN_WORK, SickReportOutcome.ADAPTED_WORK, SickReportOutcome.OTHER_EMPLOYER}
)


class ProductKind(enum.StrEnum):
    """What kind of insurance a product is."""

    ABSENCE = "absence"  # verzuimverzekering
    WGA = "wga"  # WGA-eigenrisicodragerschap
    SICKNESS_BENEFIT = "sickness_benefit"  # ZW-eigenrisicodragerschap
    INCOME = "income"  # arbeidsongeschiktheid / inkomen
    OTHER = "other"


class PoortwachterCarrier(enum.StrEnum):
    """Who carries an employer's Wet verbetering poortwachter steps under a service variation (seed 001)."""

    ARBODIENST = "arbodienst"  # "De luxe": the arbodienst takes over every WVP task
    EMPLOYER = "employer"  # "Op afroep": the protocol stays with the employer


class ServiceType(ConfigListMixin, db.Model):
    """Dienstverleningssoort: a field of service."""

    __tablename__ = "service_types"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    variations: Mapped[list[ServiceVariation]] = relationship(back_populates="service_type")


class Category(ConfigListMixin, db.Model):
    """Categorie: why an intervention is deployed."""

    __tablename__ = "categories"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    service_type_id: Mapped[int | None] = mapped_column(fk("service_types.id"), index=True)
    service_type: Mapped[ServiceType | None] = relationship()


class EndGoal(ConfigListMixin, db.Model):
    """Einddoel: what a trajectory aims at."""

    __tablename__ = "end_goals"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())


class Region(ConfigListMixin, db.Model):
    """Regio: where a provider works (by default the twelve provinces)."""

    __tablename__ = "regions"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())


class Characteristic(ConfigListMixin, db.Model):
    """(Interventie)kenmerk: a property a programme has."""

    __tablename__ = "characteristics"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())


absence_cause_characteristics = association(
    "absence_cause_characteristics",
    "absence_causes",
    "absence_cause_id",
    "characteristics",
    "characteristic_id",
)


class AbsenceCause(ConfigListMixin, db.Model):
    """Verzuimoorzaak (niet-medisch): the underlying reason for the absence, never a diagnosis (seed 002: "Niet
    de medische oorzaak, maar de achterliggende reden … bepaalt welke interventie het meest passend is"), with the
    programme characteristics that fit it (T2 starts filtered on them)."""

    __tablename__ = "absence_causes"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    characteristics: Mapped[list[Characteristic]] = relationship(
        secondary=absence_cause_characteristics, order_by="Characteristic.name"
    )


class EndReason(ConfigListMixin, db.Model):
    """Beëindigingsreden, with its outcome class and the end goal it achieves (for the reports)."""

    __tablename__ = "end_reasons"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    outcome: Mapped[Outcome] = enum_column(Outcome, "outcome")
    work_resumption: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    end_goal_id: Mapped[int | None] = mapped_column(fk("end_goals.id"), index=True)
    end_goal: Mapped[EndGoal | None] = relationship()


class SickReportEndReason(ConfigListMixin, db.Model):
    """Beëindigingsreden van een verzuimmelding, with its outcome class (SPEC §7): a list of its own, apart from
    the trajectories' end reasons, because a sick report ends in work, outflow or an error, not in a success."""

    __tablename__ = "sick_report_end_reasons"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    outcome: Mapped[SickReportOutcome] = enum_column(SickReportOutcome, "sick_report_outcome")
    # The end goal a trajectory reached when its sick report ended this way ("einddoel bereikt", SPEC §7).
    end_goal_id: Mapped[int | None] = mapped_column(fk("end_goals.id"), index=True)
    end_goal: Mapped[EndGoal | None] = relationship()


variation_templates = association(
    "service_variation_templates",
    "service_variations",
    "service_variation_id",
    "trajectory_templates",
    "trajectory_template_id",
)


class ServiceVariation(ConfigListMixin, db.Model):
    """Dienstverleningsvariatie: a variant of a service type allowing certain trajectory templates."""

    __tablename__ = "service_variations"
    __table_args__ = (sa.UniqueConstraint("service_type_id", "name"), name_not_blank())

    service_type_id: Mapped[int] = mapped_column(fk("service_types.id"))
    service_type: Mapped[ServiceType] = relationship(back_populates="variations")
    templates: Mapped[list[TrajectoryTemplate]] = relationship(secondary=variation_templates)
    primary_template_id: Mapped[int | None] = mapped_column(fk("trajectory_templates.id"), index=True)
    primary_template: Mapped[TrajectoryTemplate | None] = relationship(foreign_keys=[primary_template_id])
    # None: the variation says nothing about the Poortwachter steps (e.g. WGA-begeleiding)
    poortwachter_carrier: Mapped[PoortwachterCarrier | None] = enum_column(
        PoortwachterCarrier, "poortwachter_carrier", nullable=True
    )

    def __str__(self) -> str:
        return f"{self.service_type.name if self.service_type else '?'} – {self.name}"


label_variations = association(
    "label_variations", "labels", "label_id", "service_variations", "service_variation_id"
)
label_products = association(
    "label_products", "labels", "label_id", "insurance_products", "insurance_product_id"
)


class Label(ConfigListMixin, db.Model):
    """A brand under which services are sold, with its house style."""

    __tablename__ = "labels"
    __table_args__ = (
        sa.UniqueConstraint("name"),
        name_not_blank(),
        sa.CheckConstraint(
            "colour_primary LIKE '#______' AND colour_secondary LIKE '#______'", name="colours_hex"
        ),
    )

    colour_primary: Mapped[str] = mapped_column(sa.String(7), default="#1f4e79", server_default="#1f4e79")
    colour_secondary: Mapped[str] = mapped_column(sa.String(7), default="#f2f2f2", server_default="#f2f2f2")
    font_family: Mapped[str] = mapped_column(
        sa.String(200), default="DejaVu Sans, sans-serif", server_default="DejaVu Sans, sans-serif"
    )
    letterhead: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    footer: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    logo: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    logo_mime_type: Mapped[str | None] = mapped_column(sa.String(50))
    variations: Mapped[list[ServiceVariation]] = relationship(secondary=label_variations)
    products: Mapped[list[InsuranceProduct]] = relationship(secondary=label_products)
    referrers: Mapped[list[Referrer]] = relationship(back_populates="label")


class Insurer(ConfigListMixin, db.Model):
    """Verzekeraar, with contacts, address and invoicing data."""

    __tablename__ = "insurers"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    contact_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    address: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="", server_default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    invoice_email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    iban: Mapped[str] = mapped_column(sa.String(34), default="", server_default="")
    products: Mapped[list[InsuranceProduct]] = relationship(back_populates="insurer")


class InsuranceProduct(ConfigListMixin, db.Model):
    """Verzekeringsproduct: its kind, whether claims management is delivered, and the mandate agreed."""

    __tablename__ = "insurance_products"
    __table_args__ = (
        sa.UniqueConstraint("insurer_id", "name"),
        name_not_blank(),
        sa.CheckConstraint("mandate IS NULL OR mandate >= 0", name="mandate_not_negative"),
    )

    insurer_id: Mapped[int] = mapped_column(fk("insurers.id"))
    insurer: Mapped[Insurer] = relationship(back_populates="products")
    kind: Mapped[ProductKind] = enum_column(ProductKind, "product_kind")
    claims_management: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    mandate: Mapped[Decimal | None] = mapped_column()

    def __str__(self) -> str:
        return f"{self.insurer.name if self.insurer else '?'} – {self.name}"


class Referrer(ConfigListMixin, db.Model):
    """Aanmelder: who referred an employer, listed per label."""

    __tablename__ = "referrers"
    __table_args__ = (sa.UniqueConstraint("label_id", "name"), name_not_blank())

    label_id: Mapped[int] = mapped_column(fk("labels.id"))
    label: Mapped[Label] = relationship(back_populates="referrers")


class ContractModel(ConfigListMixin, db.Model):
    """Contractmodel: how a service agreement is invoiced, with prices per task template."""

    __tablename__ = "contract_models"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    service_type_id: Mapped[int | None] = mapped_column(fk("service_types.id"), index=True)
    service_type: Mapped[ServiceType | None] = relationship()
    prices: Mapped[list[ContractPrice]] = relationship(
        back_populates="contract_model", cascade="all, delete-orphan"
    )
    consult_prices: Mapped[list[ContractConsultPrice]] = relationship(
        back_populates="contract_model", cascade="all, delete-orphan"
    )


class ContractPrice(db.Model):
    """The price of one task template under a contract model."""

    __tablename__ = "contract_prices"
    __table_args__ = (
        sa.UniqueConstraint("contract_model_id", "task_template_id"),
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_model_id: Mapped[int] = mapped_column(fk("contract_models.id", ondelete="CASCADE"))
    contract_model: Mapped[ContractModel] = relationship(back_populates="prices")
    task_template_id: Mapped[int] = mapped_column(fk("task_templates.id"), index=True)
    task_template: Mapped[TaskTemplate] = relationship()
    price: Mapped[Decimal] = mapped_column()


class ContractConsultPrice(db.Model):
    """The price of one consult type (spreekuursoort) under a contract model: it beats the type's list price for
    an employer whose service agreement uses the contract model (seed 001)."""

    __tablename__ = "contract_consult_prices"
    __table_args__ = (
        sa.UniqueConstraint("contract_model_id", "consult_type_id"),
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_model_id: Mapped[int] = mapped_column(fk("contract_models.id", ondelete="CASCADE"))
    contract_model: Mapped[ContractModel] = relationship(back_populates="consult_prices")
    consult_type_id: Mapped[int] = mapped_column(fk("consult_types.id"), index=True)
    consult_type: Mapped[ConsultType] = relationship()
    price: Mapped[Decimal] = mapped_column()
