"""One modal per task kind; block_ids are the fields of casework.taskresults, labels as in SPEC §8."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casework.agreements import offered_categories
from casework.calendar import dutch_date
from casework.costbenefit import (
    CostBenefitFigures,
    compute_cost_benefit,
    format_euro,
    parse_amount,
    suggested_inputs,
)
from casework.errors import Invalid
from casework.i18n import N_, ngettext, translate
from casework.i18n import gettext as _
from casework.mandate import FINANCIER_NAMES, default_financier
from casework.search import ProgrammeMatch, absence_causes, cause_characteristic_ids, search_programmes
from casework.taskresults import CONCLUSIONS, result_from_values
from casework.trigger_rules import final_report_conclusions
from models import Characteristic, EndGoal, Provider, Region, ServiceType, Task, TaskKind, db

from ..blocks import OPTION_TEXT, clip, employee_md, escape, option, section
from . import date, field, modal, select

CALLBACK = "task"
SKIP_CALLBACK = "skip"
SKIP_ACTION = "task.skip"
REFRESH = {"service_type_id", "region_ids", "characteristic_ids", "provider_id", "programme_id"}
MAX_PROGRAMMES = 100  # Slack's limit of options in a select
OVERVIEW = 10  # programmes described in the T2 modal before one is chosen: a modal holds at most 100 blocks
SUMMARY_DESCRIPTION = 300  # characters of a programme's description in the overview
SUMMARY_LIST = 400  # characters of its regions or characteristics
FIGURES = ("reduction_days", "dossier_cost", "daily_wage", "programme_price")


def _names(model: type) -> list[tuple[str, int]]:
    rows = db.session.scalars(sa.select(model).where(model.active).order_by(model.name))
    return [(r.name, r.id) for r in rows]


def _programme_blocks(task: Task, chosen: dict[str, Any]) -> list[dict[str, Any]]:
    variation = task.trajectory.service_variation
    service = chosen.get("service_type_id") or (variation.service_type_id if variation else None)
    regions = [int(v) for v in chosen.get("region_ids") or []]
    # T2 opens filtered on the characteristics that fit the cause of absence; from the first change on, what the
    # case manager chose counts (an emptied list widens the search to every characteristic)
    if chosen:
        marks = [int(v) for v in chosen.get("characteristic_ids") or []]
    else:
        marks = cause_characteristic_ids(task.trajectory.absence_cause)
    provider = chosen.get("provider_id")
    found = search_programmes(
        service_type_id=int(service) if service else None,
        region_ids=regions,
        characteristic_ids=marks,
        provider_id=int(provider) if provider else None,
        limit=MAX_PROGRAMMES + 1,
    )
    shown, more = found[:MAX_PROGRAMMES], len(found) > MAX_PROGRAMMES
    programmes = programme_select(shown, chosen.get("programme_id"))
    picked = next((m for m in shown if str(m.id) == str(chosen.get("programme_id"))), None)
    notes = []
    if more:
        notes.append(
            section(_("Meer dan %(max)s programma's gevonden; verfijn met de filters.", max=MAX_PROGRAMMES))
        )
    if picked is not None:
        notes.append(section(programme_details(picked)))
    return [
        *programme_overview(shown, more=more),
        select("service_type_id", N_("Dienstverlening"), _names(ServiceType), initial=service, dispatch=True),
        select("region_ids", N_("Regio's"), _names(Region), optional=True, multi=True, dispatch=True),
        select(
            "characteristic_ids",
            N_("Kenmerken"),
            _names(Characteristic),
            optional=True,
            multi=True,
            dispatch=True,
            initial=marks,
        ),
        select("provider_id", N_("Voorkeur provider"), _names(Provider), optional=True, dispatch=True),
        programmes,
        *notes,
        select(
            "financier",
            N_("Financier"),
            [(name, f.value) for f, name in FINANCIER_NAMES.items()],
            optional=True,
            initial=chosen.get("financier") or default_financier(task.trajectory).value,
        ),
    ]


def programme_option(match: ProgrammeMatch) -> dict[str, Any]:
    """A programme as a select option: name and price always whole (the name is cut first), the provider and
    duration in its description."""
    price = f" — {format_euro(match.price)}"
    name = clip(match.name, OPTION_TEXT - len(price))
    return option(
        f"{name}{price}",
        match.id,
        _("%(provider)s, %(weeks)s wk", provider=match.provider_name, weeks=match.duration_weeks),
    )


def programme_select(found: list[ProgrammeMatch], chosen: object = None) -> dict[str, Any]:
    """The "Programma" select; choosing one shows its details in the modal."""
    block = select("programme_id", N_("Programma"), [], initial=None, dispatch=True)
    options = [programme_option(m) for m in found] or [option(N_("(geen programma gevonden)"), "")]
    block["element"]["options"] = options
    match = [o for o in options if chosen is not None and o["value"] == str(chosen)]
    if match:
        block["element"]["initial_option"] = match[0]
    return block


def programme_summary(match: ProgrammeMatch) -> str:
    """One found programme in a few lines (SPEC §4: provider, price, duration, regions, characteristics), with
    the start of its description; every part is cut so the whole stays far within a section's 3,000."""
    lines = [
        f"*{escape(clip(match.name, 200))}* — {escape(clip(match.provider_name, 200))}",
        f"{format_euro(match.price)} · " + ngettext("%(num)s week", "%(num)s weken", match.duration_weeks),
    ]
    if match.regions:
        lines.append(_("Regio's: %(list)s", list=escape(clip(", ".join(match.regions), SUMMARY_LIST))))
    if match.characteristics:
        lines.append(
            _("Kenmerken: %(list)s", list=escape(clip(", ".join(match.characteristics), SUMMARY_LIST)))
        )
    if match.description:
        lines.append("_" + escape(clip(" ".join(match.description.split()), SUMMARY_DESCRIPTION)) + "_")
    return "\n".join(lines)


def programme_overview(found: list[ProgrammeMatch], *, more: bool = False) -> list[dict[str, Any]]:
    """The best matches described before the choice (issue 17: details before the choice), one section each."""
    if not found:
        return [section(_("Geen programma's gevonden met deze filters."))]
    shown = found[:OVERVIEW]
    total = _("meer dan %(max)s", max=MAX_PROGRAMMES) if more else str(len(found))
    head = _("*Gevonden programma's: %(total)s*", total=total) + (
        " " + _("(de beste %(count)s hieronder; de rest staat in de lijst Programma)", count=len(shown))
        if len(found) > len(shown)
        else ""
    )
    return [section(head), *(section(programme_summary(m)) for m in shown)]


def programme_details(match: ProgrammeMatch) -> str:
    """Everything about the chosen programme, in full."""
    lines = [
        f"*{escape(match.name)}*",
        _("Provider: %(name)s", name=escape(match.provider_name)),
        _(
            "Prijs: %(price)s · Looptijd: %(weeks)s weken",
            price=format_euro(match.price),
            weeks=match.duration_weeks,
        ),
    ]
    if match.regions:
        lines.append(_("Regio's: %(list)s", list=escape(", ".join(match.regions))))
    if match.characteristics:
        lines.append(_("Kenmerken: %(list)s", list=escape(", ".join(match.characteristics))))
    if match.description:  # seed 000 step 7, "interventiedetails"; a section holds 3,000 characters
        lines.append("_" + escape(clip(match.description, 2000)) + "_")
    return "\n".join(lines)


def _number(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def cost_benefit_lines(figures: CostBenefitFigures) -> str:
    """The whole calculation as typed: gross benefit, total cost, net benefit, ratio (SPEC §4)."""
    ratio = _number(figures.ratio) if figures.ratio is not None else _("geen (kosten zijn nul)")
    return "\n".join(
        [
            _(
                "Bruto baten: %(days)s dagen × %(wage)s = *%(gross)s*",
                days=_number(figures.reduction_days).removesuffix(",00"),
                wage=format_euro(figures.daily_wage),
                gross=format_euro(figures.gross_benefit),
            ),
            _(
                "Kosten: %(price)s + %(dossier)s = *%(cost)s*",
                price=format_euro(figures.programme_price),
                dossier=format_euro(figures.dossier_cost),
                cost=format_euro(figures.cost),
            ),
            _("Netto baten (verwachte baten): *%(net)s*", net=format_euro(figures.net_benefit)),
            _("Verhouding baten/kosten: *%(ratio)s*", ratio=ratio),
        ]
    )


def _cost_blocks(task: Task, figures: dict[str, Any]) -> list[dict[str, Any]]:
    suggested = suggested_inputs(task.trajectory)
    initial = {
        k: figures.get(k) or (str(suggested.get(k)) if suggested.get(k) is not None else "") for k in FIGURES
    }
    try:
        computed = compute_cost_benefit(**{k: Decimal(parse_amount(initial[k])) for k in FIGURES})
        shown = cost_benefit_lines(computed)
    except (Invalid, ArithmeticError, ValueError, TypeError, KeyError):
        shown = _(
            "Vul de bedragen in; bruto baten, kosten, netto baten en verhouding worden berekend terwijl u typt."
        )
    labels = (N_("Reductie verzuimdagen"), N_("Kosten dossiertijd"), N_("Dagloon"), N_("Programmaprijs"))
    blocks = [
        field(k, label, initial=initial[k] or "", dispatch=True)
        for k, label in zip(FIGURES, labels, strict=True)
    ]
    blocks.append(section(shown))
    blocks.append(field("expected_benefit", N_("Verwachte baten"), optional=True))
    blocks.append(field("override_reason", N_("Reden aanpassing"), optional=True, multiline=True))
    return blocks


def task_modal(task: Task, today: dt.date, chosen: dict[str, Any] | None = None) -> dict[str, Any]:
    """The modal completing a task of any kind (chosen: the values typed so far, for views.update)."""
    chosen = chosen or {}
    trajectory = task.trajectory
    head = section(f"*{escape(task.key)} {escape(translate(task.name))}*\n{employee_md(trajectory.employee)}")
    if task.kind == TaskKind.POLICY_SELECTION:
        employee = trajectory.employee
        blocks = [
            select(
                "sick_report_id",
                N_("Verzuimmelding"),
                [
                    (_("Eerste ziektedag %(day)s", day=dutch_date(r.first_sick_day)), r.id)
                    for r in employee.sick_reports
                ],
                optional=True,
                initial=trajectory.sick_report_id,
            ),
            select(
                "policy_id",
                N_("Polis"),
                [(_("Polis %(number)s", number=p.policy_number), p.id) for p in employee.employer.policies],
                optional=True,
                initial=trajectory.policy_id,
            ),
            select(
                "category_id",
                N_("Categorie"),
                [(c.name, c.id) for c in offered_categories(employee.employer, today)],
                initial=trajectory.category_id,
                optional=trajectory.category_id is not None,
            ),
            select(
                "end_goal_id",
                N_("Einddoel"),
                _names(EndGoal),
                initial=trajectory.end_goal_id,
                optional=trajectory.end_goal_id is not None,
            ),
            # seed 002: the underlying, non-medical reason decides which intervention fits (never a diagnosis)
            select(
                "absence_cause_id",
                N_("Verzuimoorzaak (niet-medisch)"),
                absence_causes(),
                optional=True,
                initial=trajectory.absence_cause_id,
            ),
        ]
        head = section(f"{head['text']['text']}\n{_set_at_start(task)}")
    elif task.kind == TaskKind.PROGRAMME_SELECTION:
        blocks = _programme_blocks(task, chosen)
    elif task.kind == TaskKind.COST_BENEFIT:
        blocks = _cost_blocks(task, chosen)
    elif task.kind == TaskKind.APPROVAL:
        blocks = [select("approval", N_("Akkoord"), [(N_("Ja"), "accepted"), (N_("Nee"), "rejected")])]
    elif task.kind == TaskKind.DOCUMENT:
        blocks = [date("sent_on", N_("Verzonden op"), optional=True)]
    elif task.kind == TaskKind.REPORT_RECEIVED:
        # A progress report (T6) holds a date and a remark; a final report (T7) also how the intervention ended.
        conclusions = final_report_conclusions(task.task_template)
        blocks = [date("received_on", N_("Ontvangen op"))]
        if conclusions:
            blocks.append(select("conclusion", N_("Conclusie"), [(CONCLUSIONS[c], c) for c in conclusions]))
    else:
        blocks = []
    blocks.append(field("remark", N_("Opmerking"), optional=True, multiline=True))
    if task.task_template.optional:
        blocks.append(skip_button(task))
    return modal(CALLBACK, N_("Taak afronden"), [head, *blocks], str(task.id), submit=N_("Afronden"))


def _set_at_start(task: Task) -> str:
    """T1: what the start already set, to confirm or change (seed 000: T1 is optional)."""
    t = task.trajectory
    parts = [
        _("Categorie: %(name)s", name=escape(translate(t.category.name)) if t.category else "—"),
        _("Einddoel: %(name)s", name=escape(translate(t.end_goal.name)) if t.end_goal else "—"),
        _("Verzuimmelding: %(day)s", day=dutch_date(t.sick_report.first_sick_day) if t.sick_report else "—"),
        _("Polis: %(number)s", number=escape(t.policy.policy_number) if t.policy else "—"),
    ]
    return _("Bij de start vastgelegd — bevestig of wijzig: %(parts)s", parts="; ".join(parts))


def skip_button(task: Task) -> dict[str, Any]:
    """An optional task can be skipped with a reason: the button opens the skip modal on top."""
    return {
        "type": "actions",
        "block_id": "skip",
        "elements": [
            {
                "type": "button",
                "action_id": SKIP_ACTION,
                "text": {"type": "plain_text", "text": _("Overslaan (met reden)")},
                "value": str(task.id),
            }
        ],
    }


def skip_modal(task: Task) -> dict[str, Any]:
    """The modal skipping an optional task: Reden."""
    head = section(
        _("*%(key)s %(name)s* is optioneel.", key=escape(task.key), name=escape(translate(task.name)))
        + f"\n{employee_md(task.trajectory.employee)}"
    )
    blocks = [head, field("reason", N_("Reden"), multiline=True)]
    return modal(SKIP_CALLBACK, N_("Taak overslaan"), blocks, str(task.id), submit=N_("Overslaan"))


def result_from(task: Task, values: dict[str, Any]) -> dict[str, Any]:
    """The result dict for complete_task from the modal's values (empty fields left out)."""
    return result_from_values(values)
