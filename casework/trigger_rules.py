"""Checks on trigger configuration, used when an administrator saves a trigger (SPEC §5, §9)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models import (
    ActionKind,
    ConditionKind,
    TaskKind,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
    TriggerEvent,
    db,
)

from .errors import Invalid
from .i18n import M_, N_
from .i18n import gettext as _

# The result fields each task kind records (keys of Task.result), for "result field equals" conditions.
RESULT_FIELDS: dict[TaskKind, set[str]] = {
    TaskKind.POLICY_SELECTION: {"sick_report_id", "policy_id", "category_id", "end_goal_id", "remark"},
    TaskKind.PROGRAMME_SELECTION: {
        "programme_id",
        "service_type_id",
        "region_ids",
        "characteristic_ids",
        "provider_id",
        "mandate",
        "above_mandate",
        "financier",
        "remark",
    },
    TaskKind.COST_BENEFIT: {
        "reduction_days",
        "dossier_cost",
        "daily_wage",
        "programme_price",
        "expected_benefit",
        "net_benefit",
        "override_reason",
    },
    TaskKind.APPROVAL: {"approval", "decided_on", "remark"},
    TaskKind.DOCUMENT: {"sent_on", "remark"},
    TaskKind.REPORT_RECEIVED: {"received_on", "conclusion", "remark"},
    TaskKind.PLAIN: {"remark"},
}
COMMON_RESULT_FIELDS = {"skipped", "reason"}

# The result fields and their values by the names the task forms show them with (Slack, console): a
# condition on a task result is shown, and chosen, in these words, never as "approval = accepted".
RESULT_FIELD_LABELS = {
    "sick_report_id": N_("Verzuimmelding"),
    "policy_id": N_("Polis"),
    "category_id": N_("Categorie"),
    "end_goal_id": N_("Einddoel"),
    "remark": N_("Opmerking"),
    "programme_id": N_("Programma"),
    "service_type_id": N_("Dienstverlening"),
    "region_ids": N_("Regio's"),
    "characteristic_ids": N_("Kenmerken"),
    "provider_id": N_("Voorkeur provider"),
    "mandate": N_("Mandaat"),
    "above_mandate": N_("Kosten boven mandaat"),
    "financier": N_("Financier"),
    "reduction_days": N_("Reductie verzuimdagen"),
    "dossier_cost": N_("Kosten dossiertijd"),
    "daily_wage": N_("Dagloon"),
    "programme_price": N_("Programmaprijs"),
    "expected_benefit": N_("Verwachte baten"),
    "net_benefit": N_("Netto baten"),
    "override_reason": N_("Reden afwijkende baten"),
    "approval": N_("Akkoord"),
    "decided_on": N_("Datum besluit"),
    "sent_on": N_("Verstuurd op"),
    "received_on": N_("Ontvangen op"),
    "conclusion": N_("Afloop interventie"),
    "skipped": N_("Overgeslagen"),
    "reason": N_("Reden"),
}
_YES_NO = {"true": N_("Ja"), "false": N_("Nee")}


def result_value_labels(field_name: str) -> dict[str, str]:
    """The values a result field can hold, by their shown names in the reader's language (casework.i18n; empty
    for free text, numbers, dates)."""
    from .mandate import FINANCIER_NAMES
    from .taskresults import CONCLUSIONS

    names = {
        "approval": {"accepted": N_("Ja"), "rejected": N_("Nee")},
        "conclusion": dict(CONCLUSIONS),
        "above_mandate": _YES_NO,
        "skipped": _YES_NO,
        "financier": {f.value: name for f, name in FINANCIER_NAMES.items()},
    }.get(field_name, {})
    return {code: _(name) for code, name in names.items()}


def describe_result_condition(field_name: str, value: str) -> tuple[str, str]:
    """A result condition's field and value as shown: ("Akkoord", "Nee") for approval = rejected (in English
    ("Approval", "No") for a reader of English)."""
    shown = result_value_labels(field_name).get((value or "").strip().lower(), value)
    return (_(RESULT_FIELD_LABELS[field_name]) if field_name in RESULT_FIELD_LABELS else field_name), shown


def final_report_conclusions(task_template: TaskTemplate) -> list[str]:
    """The conclusions a "report received" task can end with: those an active trigger of its template reacts to
    (seed: "T7 succesvol/niet succesvol/afgebroken → traject sluiten"), in the order of CONCLUSIONS. Empty for a
    progress report (T6), which asks no conclusion."""
    from .taskresults import CONCLUSIONS

    values: set[str] = set()
    for trigger in task_template.template.triggers:
        if not trigger.active or trigger.event != TriggerEvent.TASK_COMPLETED:
            continue
        on_task = any(
            c.kind == ConditionKind.TASK_TEMPLATE and c.task_template_id == task_template.id
            for c in trigger.conditions
        )
        if on_task:
            values |= {
                (c.value or "").strip().lower()
                for c in trigger.conditions
                if c.kind == ConditionKind.RESULT_FIELD_EQUALS and c.field == "conclusion"
            }
    return [value for value in CONCLUSIONS if value in values]


@dataclass
class TriggerCheck:
    """Refusals (errors, by field) and warnings (loops without a person) for one trigger."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def check_trigger(trigger: Trigger, template: TrajectoryTemplate | None = None) -> TriggerCheck:
    """Check a trigger against its trajectory template; nothing is changed (nor flushed: the trigger may be
    a draft an administrator has not saved yet)."""
    with db.session.no_autoflush:
        return _check(trigger, template)


def _check(trigger: Trigger, template: TrajectoryTemplate | None) -> TriggerCheck:
    template = template or trigger.template
    own = {t.id for t in template.task_templates if t.id is not None} | {
        id(t) for t in template.task_templates
    }
    result = TriggerCheck()

    def is_own(task_template) -> bool:
        return task_template is not None and (task_template.id in own or id(task_template) in own)

    task_conditions = [c for c in trigger.conditions if c.kind == ConditionKind.TASK_TEMPLATE]
    for i, condition in enumerate(trigger.conditions):
        if condition.kind == ConditionKind.TASK_TEMPLATE and not is_own(condition.task_template):
            result.errors[f"conditions.{i}.task_template"] = M_(
                "Taak %(key)s hoort niet bij trajecttype “%(name)s”; een trigger mag alleen taken van zijn eigen trajecttype gebruiken.",
                key=condition.task_template.key if condition.task_template else "?",
                name=template.name,
            )
        if condition.kind == ConditionKind.RESULT_FIELD_EQUALS:
            kinds = {c.task_template.kind for c in task_conditions if c.task_template is not None}
            allowed = (
                set().union(*(RESULT_FIELDS[k] for k in kinds)) | COMMON_RESULT_FIELDS if kinds else None
            )
            if allowed is not None and condition.field not in allowed:
                shown = RESULT_FIELD_LABELS.get(condition.field or "", condition.field)
                result.errors[f"conditions.{i}.field"] = M_(
                    "Resultaatveld “%(shown)s” bestaat niet bij deze taak; kies uit %(fields)s.",
                    shown=shown,
                    fields=", ".join(sorted(f"{RESULT_FIELD_LABELS.get(f, f)} ({f})" for f in allowed)),
                )
    without_task = trigger.event in (TriggerEvent.TRAJECTORY_STARTED, TriggerEvent.TRAJECTORY_CLOSED)
    if without_task and (
        task_conditions or any(c.kind == ConditionKind.RESULT_FIELD_EQUALS for c in trigger.conditions)
    ):
        result.errors["conditions"] = M_(
            "Bij deze gebeurtenis is er geen taak: een taakvoorwaarde kan nooit gelden."
        )
    for i, action in enumerate(trigger.actions):
        if action.kind == ActionKind.ADD_TASK:
            if not is_own(action.task_template):
                result.errors[f"actions.{i}.task_template"] = M_(
                    "Taak %(key)s hoort niet bij trajecttype “%(name)s”.",
                    key=action.task_template.key if action.task_template else "?",
                    name=template.name,
                )
            elif not action.task_template.active:
                result.errors[f"actions.{i}.task_template"] = M_(
                    "Taak %(key)s is gedeactiveerd.", key=action.task_template.key
                )
        if action.kind == ActionKind.CLOSE_TRAJECTORY and action.end_reason and not action.end_reason.active:
            result.errors[f"actions.{i}.end_reason"] = M_(
                "Beëindigingsreden “%(name)s” is gedeactiveerd.", name=action.end_reason.name
            )
        if (
            action.kind == ActionKind.GENERATE_DOCUMENT
            and action.document_template
            and not action.document_template.active
        ):
            result.errors[f"actions.{i}.document_template"] = M_("Dit documentsjabloon is gedeactiveerd.")
    if not trigger.actions:
        result.errors["actions"] = M_("Een trigger heeft minstens één actie.")
    result.warnings = [describe_loop(loop) for loop in find_loops(template, extra=trigger)]
    return result


def validate_trigger(trigger: Trigger, template: TrajectoryTemplate | None = None) -> list[str]:
    """Raise Invalid for a trigger that cannot be saved; return the warnings for one that can."""
    check = check_trigger(trigger, template)
    if check.errors:
        raise Invalid(check.errors)
    return check.warnings


def find_loops(template: TrajectoryTemplate, extra: Trigger | None = None) -> list[list[Trigger]]:
    """Cycles of triggers that can run without a person: a task going overdue (the scheduler, not a person)
    makes a trigger add a task whose going overdue makes a trigger add ... back to the start."""
    triggers = [t for t in template.triggers if t.active and t is not extra]
    if extra is not None and extra.active is not False:
        triggers.append(extra)
    # Edges between task templates (by object identity): overdue(X) -> trigger -> add(Y).
    edges: dict[int, list[tuple[Trigger, object]]] = {}
    everything = list(template.task_templates)
    for trigger in triggers:
        if trigger.event != TriggerEvent.TASK_OVERDUE:
            continue
        sources = [c.task_template for c in trigger.conditions if c.kind == ConditionKind.TASK_TEMPLATE]
        sources = sources or everything  # no task condition: any task's going overdue
        for action in trigger.actions:
            if action.kind == ActionKind.ADD_TASK and action.task_template is not None:
                for source in sources:
                    edges.setdefault(id(source), []).append((trigger, action.task_template))
    loops: list[list[Trigger]] = []
    seen: set[frozenset[int]] = set()

    def walk(start: int, node: int, path: list[Trigger], visited: set[int]) -> None:
        for trigger, target in edges.get(node, []):
            if id(target) == start:
                key = frozenset(id(t) for t in [*path, trigger])
                if key not in seen:
                    seen.add(key)
                    loops.append([*path, trigger])
            elif id(target) not in visited:
                walk(start, id(target), [*path, trigger], visited | {id(target)})

    for source in list(edges):
        walk(source, source, [], {source})
    return loops


def describe_loop(loop: list[Trigger]) -> str:
    """A warning in the administrator's words."""
    names = " → ".join(f"\u201c{t.name}\u201d" for t in loop)
    return (
        f"Deze triggers kunnen elkaar eindeloos aanroepen zonder tussenkomst van een persoon: {names}. "
        f"Zo'n keten wordt na 10 stappen gestopt."
    )
