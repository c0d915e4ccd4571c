"""Which trajectory templates an employer may start on a day, and why (not) — SPEC §3, seed 001.

The templates an employer may start are those of the variations in its service agreements valid on that day
(agreements stack); only active variations and templates count. With none, the reason says what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from models import (
    Category,
    Employer,
    PoortwachterCarrier,
    ServiceAgreement,
    ServiceVariation,
    TrajectoryTemplate,
    db,
)

from .calendar import dutch_date
from .i18n import M_


@dataclass
class AllowedTemplates:
    """The answer for one employer and day."""

    templates: list[TrajectoryTemplate] = field(default_factory=list)
    agreements: dict[int, list[ServiceAgreement]] = field(
        default_factory=dict
    )  # template id -> allowing ones
    primary: dict[int, TrajectoryTemplate] = field(default_factory=dict)  # variation id -> primary template
    reason: str = ""  # why none, in Dutch; empty when some are allowed

    def allows(self, template: TrajectoryTemplate) -> bool:
        """Whether `template` may be started."""
        return template.id in self.agreements

    def variation_for(self, template: TrajectoryTemplate) -> ServiceVariation | None:
        """The variation a new trajectory of `template` runs under: one that has it as primary, else the first."""
        agreements = self.agreements.get(template.id, [])
        for agreement in agreements:
            if agreement.variation.primary_template_id == template.id:
                return agreement.variation
        return agreements[0].variation if agreements else None


def allowed_templates(employer: Employer, day: dt.date) -> AllowedTemplates:
    """The trajectory templates `employer` may start on `day`, with the agreements that allow each."""
    answer = AllowedTemplates()
    if not employer.agreements:
        answer.reason = M_("Werkgever %(name)s heeft geen dienstverleningsovereenkomst.", name=employer.name)
        return answer
    valid = [a for a in employer.agreements if a.valid_on(day)]
    if not valid:
        ended = [a for a in employer.agreements if a.end_date is not None and a.end_date < day]
        future = [a for a in employer.agreements if a.start_date > day]
        if ended:
            last = max(a.end_date for a in ended)
            answer.reason = M_(
                "Geen dienstverleningsovereenkomst geldig op %(day)s; de laatste liep tot %(last)s.",
                day=dutch_date(day),
                last=dutch_date(last),
            )
        else:
            first = min(a.start_date for a in future)
            answer.reason = M_(
                "Geen dienstverleningsovereenkomst geldig op %(day)s; de eerste begint op %(first)s.",
                day=dutch_date(day),
                first=dutch_date(first),
            )
        return answer
    for agreement in valid:
        variation = agreement.variation
        if not variation.active:
            continue
        if variation.primary_template is not None:
            answer.primary[variation.id] = variation.primary_template
        for template in variation.templates:
            if template.active:
                if template.id not in answer.agreements:
                    answer.templates.append(template)
                answer.agreements.setdefault(template.id, []).append(agreement)
    if not answer.templates:
        names = ", ".join(sorted({a.variation.name for a in valid}))
        answer.reason = M_(
            "De dienstverleningsvariatie(s) %(names)s staan geen (actieve) trajecttypen toe.", names=names
        )
    answer.templates.sort(key=lambda t: (t.position, t.name))
    return answer


def offered_categories(employer: Employer, day: dt.date) -> list[Category]:
    """The active categories a trajectory of `employer` may get on `day`, in the configured order.

    Seed 000: with service agreements, the services taken are the first "voorselectie" of categories. A
    category tied to a service type is offered only when an agreement valid on `day` is for that service type;
    a category without a service type (the FML limitations, "Overig") is offered to everyone.
    """
    service_types = {
        a.variation.service_type_id for a in employer.agreements if a.valid_on(day) and a.variation.active
    }
    condition = Category.service_type_id.is_(None)
    if service_types:
        condition = sa.or_(condition, Category.service_type_id.in_(sorted(service_types)))
    return list(
        db.session.scalars(
            sa.select(Category)
            .where(Category.active.is_(True), condition)
            .order_by(Category.position, Category.name, Category.id)
        )
    )


def category_error(category: Category | None, employer: Employer, day: dt.date) -> str | None:
    """Why `category` may not be chosen for a trajectory of `employer` on `day`, or None."""
    if category is None:
        return None
    if not category.active:
        return "Deze categorie is gedeactiveerd."
    if category.id not in {c.id for c in offered_categories(employer, day)}:
        return (
            f"Categorie \u201c{category.name}\u201d hoort bij een dienstverlening die {employer.name} op "
            f"{dutch_date(day)} niet afneemt."
        )
    return None


# The carrier of an employer's Poortwachter steps on :today, as one SQL expression over the employer id given:
# the variations of its agreements valid that day that name a carrier; min() is 'employer' only when every one
# of them says the employer ('arbodienst' < 'employer'), and no such agreement means the arbodienst.
_CARRIER_SQL = (
    "COALESCE((SELECT min(cv.poortwachter_carrier) FROM service_agreements ca"
    " JOIN service_variations cv ON cv.id = ca.service_variation_id"
    " WHERE ca.employer_id = {employer_id} AND ca.start_date <= :today"
    " AND (ca.end_date IS NULL OR ca.end_date >= :today)), 'arbodienst')"
)


def carrier_sql(employer_id: str) -> str:
    """SQL for who carries the Poortwachter steps of the employer `employer_id` (an SQL expression) on :today."""
    return _CARRIER_SQL.format(employer_id=employer_id)


def poortwachter_carrier(employer: Employer, day: dt.date) -> PoortwachterCarrier:
    """Who carries the employer's Poortwachter steps on `day` (seed 001: "De luxe" against "Op afroep").

    The employer only when its agreements valid that day name a carrier and all of them name the employer;
    otherwise the arbodienst, whose case manager is reminded. The scan uses the same rule (carrier_sql).
    """
    named = {
        a.variation.poortwachter_carrier
        for a in employer.agreements
        if a.valid_on(day) and a.variation.poortwachter_carrier is not None
    }
    return (
        PoortwachterCarrier.EMPLOYER
        if named == {PoortwachterCarrier.EMPLOYER}
        else PoortwachterCarrier.ARBODIENST
    )


def overlapping_agreements(
    agreements: list[ServiceAgreement],
) -> tuple[ServiceAgreement, ServiceAgreement] | None:
    """Two of `agreements` (one employer's) whose periods share a day, or None."""
    ordered = sorted(agreements, key=lambda a: a.start_date)
    for i, one in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if one.end_date is None or other.start_date <= one.end_date:
                return one, other
    return None


def service_type_move_conflict(variation: ServiceVariation, service_type_id: int | None) -> str:
    """Why `variation` may not move to another service type (empty when it may).

    Variations of one service type exclude each other (seed 001): moving a variation must not leave an employer
    with two variations of one type on the same day.
    """
    if variation.id is None or service_type_id is None or service_type_id == variation.service_type_id:
        return ""
    employer_ids = sa.select(ServiceAgreement.employer_id).where(
        ServiceAgreement.service_variation_id == variation.id
    )
    rows = db.session.scalars(
        sa.select(ServiceAgreement)
        .join(ServiceAgreement.variation)
        .where(
            ServiceAgreement.employer_id.in_(employer_ids),
            sa.or_(
                ServiceAgreement.service_variation_id == variation.id,
                ServiceVariation.service_type_id == service_type_id,
            ),
        )
        .order_by(ServiceAgreement.employer_id, ServiceAgreement.start_date)
    ).all()
    per_employer: dict[int, list[ServiceAgreement]] = {}
    for row in rows:
        per_employer.setdefault(row.employer_id, []).append(row)
    for agreements in per_employer.values():
        pair = overlapping_agreements(agreements)
        if pair is not None:
            one, other = pair
            return (
                f"{one.employer.name} neemt {one.variation.name} en {other.variation.name} tegelijk af "
                f"(vanaf {dutch_date(other.start_date)}); variaties van één dienstverleningssoort sluiten "
                "elkaar uit."
            )
    return ""
