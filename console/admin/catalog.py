"""Views for the configurable lists of SPEC §3: deactivate instead of delete, Dutch labels."""

from __future__ import annotations

from typing import Any

from flask_admin import Admin

from models import (
    Category,
    Characteristic,
    ContractModel,
    DocumentTemplate,
    EndGoal,
    EndReason,
    InsuranceProduct,
    Insurer,
    Label,
    Programme,
    Provider,
    Referrer,
    Region,
    ServiceType,
    ServiceVariation,
    TrajectoryTemplate,
)

from .base import ConfigListView

LISTS = "Configuratie"
PROVIDERS = "Aanbieders"
PROCESS = "Processen"

# (model, menu name, endpoint, category)
VIEWS: list[tuple[Any, str, str, str]] = [
    (Category, "Categorieën", "categories", LISTS),
    (EndGoal, "Einddoelen", "end_goals", LISTS),
    (Region, "Regio's", "regions", LISTS),
    (Characteristic, "Kenmerken", "characteristics", LISTS),
    (EndReason, "Beëindigingsredenen", "end_reasons", LISTS),
    (Label, "Labels", "labels", LISTS),
    (ServiceType, "Dienstverleningssoorten", "service_types", LISTS),
    (ServiceVariation, "Variaties", "service_variations", LISTS),
    (Insurer, "Verzekeraars", "insurers", LISTS),
    (InsuranceProduct, "Verzekeringsproducten", "insurance_products", LISTS),
    (Referrer, "Verwijzers", "referrers", LISTS),
    (ContractModel, "Contractmodellen", "contract_models", LISTS),
    (Provider, "Aanbieders", "providers", PROVIDERS),
    (TrajectoryTemplate, "Trajectsjablonen", "trajectory_templates", PROCESS),
    (DocumentTemplate, "Documentsjablonen", "document_templates", PROCESS),
]


class ProgrammeView(ConfigListView):
    """Programmes with their provider, regions, characteristics and service types."""

    column_list = ("name", "provider", "price", "duration_weeks", "active")
    column_searchable_list = ("name", "description")
    column_filters = ("active", "provider.name", "regions.name", "characteristics.name")
    column_sortable_list = ("name", "price", "duration_weeks", "active")
    form_columns = (
        "name",
        "description",
        "provider",
        "price",
        "duration_weeks",
        "regions",
        "characteristics",
        "service_types",
        "active",
        "position",
    )
    column_labels = {
        **ConfigListView.column_labels,
        "price": "Prijs",
        "duration_weeks": "Duur (weken)",
        "provider.name": "Aanbieder",
        "regions.name": "Regio",
        "characteristics.name": "Kenmerk",
    }


def add_views(admin: Admin, session: Any) -> None:
    """Add one view per configurable list."""
    for model, name, endpoint, category in VIEWS:
        admin.add_view(ConfigListView(model, session, name=name, endpoint=endpoint, category=category))
    admin.add_view(
        ProgrammeView(Programme, session, name="Programma's", endpoint="programmes", category=PROVIDERS)
    )
