"""Providers (interventionists) and the intervention programmes they offer (SPEC §3)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import ConfigListMixin, association, db, fk, name_not_blank
from .catalog import Characteristic, Region, ServiceType

provider_regions = association("provider_regions", "providers", "provider_id", "regions", "region_id")
programme_regions = association("programme_regions", "programmes", "programme_id", "regions", "region_id")
programme_characteristics = association(
    "programme_characteristics", "programmes", "programme_id", "characteristics", "characteristic_id"
)
programme_service_types = association(
    "programme_service_types", "programmes", "programme_id", "service_types", "service_type_id"
)


class Provider(ConfigListMixin, db.Model):
    """Provider (interventionist): who delivers interventions, and in which regions."""

    __tablename__ = "providers"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())

    contact_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    regions: Mapped[list[Region]] = relationship(secondary=provider_regions)
    programmes: Mapped[list[Programme]] = relationship(back_populates="provider")


class Programme(ConfigListMixin, db.Model):
    """Interventieprogramma: what a provider offers, where, with which characteristics, at what price."""

    __tablename__ = "programmes"
    __table_args__ = (
        sa.UniqueConstraint("provider_id", "name"),
        name_not_blank(),
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
        sa.CheckConstraint("duration_weeks > 0 AND duration_weeks <= 520", name="duration_in_range"),
    )

    provider_id: Mapped[int] = mapped_column(fk("providers.id"), index=True)
    provider: Mapped[Provider] = relationship(back_populates="programmes")
    price: Mapped[Decimal] = mapped_column()
    duration_weeks: Mapped[int] = mapped_column()
    regions: Mapped[list[Region]] = relationship(secondary=programme_regions)
    characteristics: Mapped[list[Characteristic]] = relationship(secondary=programme_characteristics)
    service_types: Mapped[list[ServiceType]] = relationship(secondary=programme_service_types)
    # Spoor 2 (re-integration with another employer): started before the plan van aanpak, the case manager is
    # warned (casework.cautions): UWV would ask why.
    spoor_2: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    def __str__(self) -> str:
        return f"{self.name} ({self.provider.name if self.provider else '?'})"
