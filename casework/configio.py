"""Configuration export and import (SPEC §8 `traject config`): the whole configuration as JSON, by name.

`export_configuration()` and `dump_json()` write the file; `import_configuration()` reads it back: first every
check (structure, duplicates, unknown names, document bodies), all problems at once as (path, reason); then rows
are created or updated by name inside a savepoint, trigger rules are checked, and a refusal undoes everything.
A dry run does the same work and undoes it, reporting what would have been created or changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from models import db

from .configio_check import check_file, load_structure, parse_json
from .configio_export import dump_json, export_configuration
from .configio_fields import FORMAT, ROOT, VERSION
from .configio_import import Importer
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log

__all__ = [
    "FORMAT",
    "ROOT",
    "VERSION",
    "ImportReport",
    "dump_json",
    "export_configuration",
    "import_configuration",
    "parse_json",
]

# How a person reads each section of the report, in the order an import applies them.
SECTION_WORDS = {
    "service_types": "Dienstverleningssoorten",
    "categories": "Categorieën",
    "end_goals": "Einddoelen",
    "end_reasons": "Beëindigingsredenen",
    "sick_report_end_reasons": "Beëindigingsredenen verzuim",
    "regions": "Regio's",
    "characteristics": "Kenmerken",
    "absence_causes": "Verzuimoorzaken",
    "locations": "Locaties",
    "unavailability_kinds": "Soorten onbeschikbaarheid",
    "document_templates": "Documentsjablonen",
    "trajectory_templates": "Trajecttypen",
    "tasks": "Taken",
    "triggers": "Triggers",
    "service_variations": "Dienstverleningsvariaties",
    "consult_types": "Spreekuursoorten",
    "insurers": "Verzekeraars",
    "products": "Verzekeringsproducten",
    "labels": "Labels",
    "referrers": "Aanmelders",
    "contract_models": "Contractmodellen",
    "prices": "Contractprijzen",
    "consult_prices": "Prijzen spreekuursoorten",
    "providers": "Providers",
    "programmes": "Interventieprogramma's",
    "seed_records": "Seedregistratie",
}


# How a person reads each field the report names as changed (the file's keys are English, the screen is not).
FIELD_WORDS = {
    "absence_causes": "verzuimoorzaken",
    "actions": "acties",
    "active": "actief",
    "address": "adres",
    "body": "tekst",
    "categories": "categorieën",
    "category": "categorie",
    "characteristics": "kenmerken",
    "city": "plaats",
    "claims_management": "schadelastbeheer",
    "colour_primary": "hoofdkleur",
    "colour_secondary": "tweede kleur",
    "conditions": "voorwaarden",
    "consult_prices": "prijzen spreekuursoorten",
    "consult_type": "spreekuursoort",
    "contact_email": "e-mailadres contactpersoon",
    "contact_name": "contactpersoon",
    "contact_phone": "telefoon contactpersoon",
    "description": "omschrijving",
    "document_template": "documentsjabloon",
    "due_basis": "termijn vanaf",
    "due_in_days": "termijn in dagen",
    "due_in_working_days": "termijn in werkdagen",
    "due_offset_days": "termijn in dagen",
    "duration_minutes": "duur in minuten",
    "duration_weeks": "looptijd in weken",
    "email": "e-mailadres",
    "end_goal": "einddoel",
    "end_reason": "beëindigingsreden",
    "event": "gebeurtenis",
    "field": "veld",
    "font_family": "lettertype",
    "footer": "voettekst",
    "iban": "IBAN",
    "insurer": "verzekeraar",
    "invitation_template": "sjabloon uitnodiging",
    "invoice_email": "e-mailadres facturen",
    "key": "code",
    "kind": "soort",
    "letterhead": "briefhoofd",
    "logo": "logo",
    "logo_mime_type": "soort logobestand",
    "mandate": "mandaat",
    "name": "naam",
    "notify_target": "wie een melding krijgt",
    "optional": "optioneel",
    "outcome": "uitkomst",
    "own_style": "eigen huisstijl",
    "phone": "telefoon",
    "poortwachter_carrier": "wie de Poortwachter-stappen draagt",
    "position": "volgorde",
    "postcode": "postcode",
    "price": "prijs",
    "prices": "prijzen",
    "primary_template": "hoofdtrajecttype",
    "products": "verzekeringsproducten",
    "programmes": "interventieprogramma's",
    "referrers": "aanmelders",
    "regions": "regio's",
    "report_template": "sjabloon verslag",
    "service_type": "dienstverleningssoort",
    "service_types": "dienstverleningssoorten",
    "spoor_2": "spoor 2",
    "starts_with_trajectory": "start met traject",
    "subject": "onderwerp",
    "task": "taak",
    "tasks": "taken",
    "template": "trajecttype",
    "templates": "trajecttypen",
    "text": "tekst",
    "triggers": "triggers",
    "use_house_style": "huisstijl gebruiken",
    "value": "waarde",
    "variations": "dienstverleningsvariaties",
    "website": "website",
    "work_resumption": "werkhervatting",
}


def field_words(fields: list[str]) -> list[str]:
    """Changed fields as a person reads them."""
    return [FIELD_WORDS.get(name, name.replace("_", " ")) for name in fields]


@dataclass
class ReportSection:
    """What an import created and changed in one section."""

    key: str
    title: str
    created: list[str]
    changed: list[tuple[str, list[str]]]


@dataclass
class ImportReport:
    """What an import created and changed (or, in a dry run, would have), per section."""

    dry_run: bool = False
    created: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """Whether anything was (or would be) created or changed."""
        return bool(self.created or self.changed)

    def sections(self) -> list[ReportSection]:
        """The sections with something created or changed, in the order of the import."""
        return [
            ReportSection(
                key,
                title,
                self.created.get(key, []),
                [(name, field_words(fields)) for name, fields in self.changed.get(key, [])],
            )
            for key, title in SECTION_WORDS.items()
            if key in self.created or key in self.changed
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per section: how many created and changed (for the log book)."""
        return {s.key: {"created": len(s.created), "changed": len(s.changed)} for s in self.sections()}

    def lines(self) -> list[str]:
        """The report as lines of text (the CLI prints them)."""
        lines = ["Proefdraai: er is niets opgeslagen." if self.dry_run else "Configuratie geïmporteerd."]
        verb_new, verb_changed = (
            ("wordt nieuw", "wordt gewijzigd") if self.dry_run else ("nieuw", "gewijzigd")
        )
        for section in self.sections():
            if section.created and section.key == "seed_records":
                lines.append(f"{section.title}: {len(section.created)} {verb_new}")
            elif section.created:
                lines.append(
                    f"{section.title}: {len(section.created)} {verb_new}: {', '.join(section.created)}"
                )
            for name, fields in section.changed:
                lines.append(f"{section.title}: {name} {verb_changed}: {', '.join(fields)}")
        if not self.has_changes:
            lines.append("Niets te wijzigen: de configuratie is al gelijk aan het bestand.")
        lines.append(f"Ongewijzigd: {self.unchanged}.")
        lines.extend(f"Waarschuwing: {warning}" for warning in self.warnings)
        return lines

    def summary(self) -> str:
        """One line for the log book."""
        parts = [f"{s.title} {len(s.created)} nieuw, {len(s.changed)} gewijzigd" for s in self.sections()]
        return "Configuratie geïmporteerd: " + ("; ".join(parts) if parts else "niets gewijzigd") + "."


def import_configuration(data: Any, *, actor: Actor, now: dt.datetime, dry_run: bool = False) -> ImportReport:
    """Check a configuration file (parsed JSON) and apply it, all or nothing; Invalid lists every problem by path.

    Flushes only: the door commits. A dry run undoes its own work before returning the report.
    """
    loaded = load_structure(data)
    check_file(loaded)
    report = ImportReport(dry_run=dry_run)
    savepoint = db.session.begin_nested()
    try:
        importer = Importer(report, now)
        importer.apply(loaded)
        importer.problems.raise_if_any()
        if report.has_changes:
            log(actor, now, "config.imported", report.summary(), details=report.counts())
        db.session.flush()
    except Invalid:
        savepoint.rollback()
        raise
    except SQLAlchemyError as error:  # a rule only the database knows: refuse, change nothing
        savepoint.rollback()
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        raise Invalid({ROOT: M_("De database weigert de import: %(reason)s", reason=reason)}) from error
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    return report
