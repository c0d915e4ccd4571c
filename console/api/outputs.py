"""The API's response schemas (what a client gets back); inputs are the engine's own schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from casework.reports import GROUPINGS


class EmployerOut(ma.Schema):
    """An employer."""

    id = fields.Integer()
    name = fields.String()
    kvk_number = fields.String(allow_none=True)
    label_id = fields.Integer()
    referrer_id = fields.Integer(allow_none=True)
    address = fields.String()
    postcode = fields.String()
    city = fields.String()
    contact_name = fields.String()
    contact_email = fields.String()
    contact_phone = fields.String()
    active = fields.Boolean()


class AgreementOut(ma.Schema):
    """A service agreement (dienstverleningsovereenkomst): variation, period, contract model, insured interest."""

    id = fields.Integer()
    employer_id = fields.Integer()
    service_variation_id = fields.Integer()
    variation = fields.Function(lambda a: a.variation.name)
    service_type = fields.Function(lambda a: a.variation.service_type.name)
    poortwachter_carrier = fields.Function(
        lambda a: a.variation.poortwachter_carrier.value if a.variation.poortwachter_carrier else None
    )
    contract_model_id = fields.Integer(allow_none=True)
    policy_id = fields.Integer(allow_none=True)
    mandate = fields.Decimal(as_string=True, allow_none=True)
    start_date = fields.Date()
    end_date = fields.Date(allow_none=True)


class WorkforceOut(ma.Schema):
    """Personeelsbestand: the employer's number of employees and fte in a period (no end: still valid)."""

    id = fields.Integer()
    employer_id = fields.Integer()
    valid_from = fields.Date()
    valid_until = fields.Date(allow_none=True)
    headcount = fields.Integer(metadata={"description": "Aantal werknemers"})
    fte = fields.Decimal(
        as_string=True, metadata={"type": "string", "format": "decimal", "description": "Fte"}
    )


class EmployeeOut(ma.Schema):
    """An employee (no BSN in lists or answers)."""

    id = fields.Integer()
    employer_id = fields.Integer()
    personnel_number = fields.String()
    first_name = fields.String()
    name_prefix = fields.String()
    last_name = fields.String()
    birth_date = fields.Date(allow_none=True)
    postcode = fields.String()
    city = fields.String()
    email = fields.String()
    phone = fields.String()
    daily_wage = fields.Decimal(as_string=True, allow_none=True)
    sector = fields.String()
    case_manager_id = fields.Integer(allow_none=True)
    client_weight = fields.String()
    client_weight_assessed_on = fields.Date(allow_none=True)
    last_contact_on = fields.Date(allow_none=True)
    employment_start = fields.Date(allow_none=True, metadata={"description": "In dienst sinds"})
    employment_end = fields.Date(allow_none=True, metadata={"description": "Uit dienst per (laatste dag)"})
    contract_hours = fields.Decimal(
        as_string=True,
        allow_none=True,
        metadata={"type": "string", "format": "decimal", "description": "Contracturen per week"},
    )


class ContactOut(ma.Schema):
    """A contact about an employee."""

    id = fields.Integer()
    employee_id = fields.Integer()
    kind = fields.String()
    with_whom = fields.String()
    day = fields.Date()
    text = fields.String()


class PercentageOut(ma.Schema):
    """One line of a sick report's percentage history: the percentage still ill from a date."""

    from_date = fields.Date()
    percentage = fields.Decimal(as_string=True)


class SickReportOut(ma.Schema):
    """A sick report (verzuimmelding)."""

    id = fields.Integer()
    employee_id = fields.Integer()
    first_sick_day = fields.Date()
    percentage = fields.Decimal(as_string=True)
    target_rtw_date = fields.Date(allow_none=True)
    recovery_date = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    zw_vangnet = fields.String(allow_none=True)
    work_related = fields.Boolean()
    recourse_possible = fields.Boolean()
    percentages = fields.List(fields.Nested(PercentageOut))
    end_reason_id = fields.Integer(allow_none=True)
    end_reason = fields.Function(lambda report: report.end_reason.name if report.end_reason else None)
    end_reason_outcome = fields.Function(
        lambda report: report.end_reason.outcome.value if report.end_reason else None
    )


class SickReportEndReasonOut(ma.Schema):
    """An end reason of a sick report with its outcome class (own_work, adapted_work, other_employer,
    other_outflow, waiting_time_end, retirement, erroneous)."""

    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    outcome = fields.String()
    work_resumption = fields.Function(lambda reason: reason.outcome.work_resumption)


class RivItemOut(ma.Schema):
    """One part of the re-integratieverslag: status present, waived, missing or not_applicable, and its days."""

    key = fields.String()
    label = fields.String()
    status = fields.String()
    days = fields.List(fields.Date())
    remark = fields.String()


class RivCheckOut(ma.Schema):
    """The re-integratieverslag check of a sick report (shown from week 80; missing items signalled from 85)."""

    report_id = fields.Integer()
    week = fields.Integer()
    shown = fields.Boolean()
    shown_from = fields.Date()
    signalled_from = fields.Date()
    complete = fields.Boolean()
    items = fields.List(fields.Nested(RivItemOut))


class TrajectoryOut(ma.Schema):
    """A trajectory."""

    id = fields.Integer()
    template_id = fields.Integer()
    employee_id = fields.Integer()
    sick_report_id = fields.Integer(allow_none=True)
    category_id = fields.Integer(allow_none=True)
    end_goal_id = fields.Integer(allow_none=True)
    absence_cause_id = fields.Integer(allow_none=True)  # the non-medical cause of absence, set at T1
    case_manager_id = fields.Integer(allow_none=True)
    programme_id = fields.Integer(allow_none=True)
    status = fields.String()
    started_on = fields.Date()
    closed_on = fields.Date(allow_none=True)
    end_reason_id = fields.Integer(allow_none=True)


class TaskOut(ma.Schema):
    """A task."""

    id = fields.Integer()
    trajectory_id = fields.Integer()
    key = fields.String()
    name = fields.String()
    kind = fields.String()
    status = fields.String()
    due_date = fields.Date()
    assignee_id = fields.Integer(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    result = fields.Dict(allow_none=True)


class TaskCompletedOut(TaskOut):
    """A task just completed, with the warnings the engine gave (e.g. a spoor-2 programme chosen or started
    before the plan van aanpak is recorded: allowed, but UWV will ask why)."""

    warnings = fields.List(fields.String())


class SignalOut(ma.Schema):
    """A signal."""

    id = fields.Integer()
    kind = fields.String()
    due_date = fields.Date()
    employee_id = fields.Integer(allow_none=True)
    trajectory_id = fields.Integer(allow_none=True)
    detail = fields.String()
    status = fields.String()
    snoozed_until = fields.Date(allow_none=True)


class ReportRowOut(ma.Schema):
    """One group of an outcome report (see casework.reports for each figure's definition)."""

    group = fields.String()
    sick_opened = fields.Integer()
    sick_closed = fields.Integer()
    sick_open_at_end = fields.Integer()
    work_outflow = fields.Integer()
    work_outflow_rate = fields.Decimal(as_string=True, allow_none=True)
    other_outflow = fields.Integer()
    other_outflow_rate = fields.Decimal(as_string=True, allow_none=True)
    sick_erroneous = fields.Integer()
    opened = fields.Integer()
    closed = fields.Integer()
    open_at_end = fields.Integer()
    no_approval = fields.Integer()
    trajectory_erroneous = fields.Integer()
    successful = fields.Integer()
    success_rate = fields.Decimal(as_string=True, allow_none=True)
    goal_achieved = fields.Integer()
    goal_rate = fields.Decimal(as_string=True, allow_none=True)
    throughput_mean = fields.Decimal(as_string=True, allow_none=True)
    throughput_median = fields.Decimal(as_string=True, allow_none=True)
    open_age_mean = fields.Decimal(as_string=True, allow_none=True)
    first_interventions = fields.Integer()
    first_intervention_days_mean = fields.Decimal(as_string=True, allow_none=True)
    timely = fields.Integer()
    timeliness = fields.Decimal(as_string=True, allow_none=True)
    interventions_ended = fields.Integer()
    interventions_success = fields.Integer()
    intervention_success_rate = fields.Decimal(as_string=True, allow_none=True)
    intervention_days_mean = fields.Decimal(as_string=True, allow_none=True)
    intervention_prognosis_days_mean = fields.Decimal(as_string=True, allow_none=True)
    programme_cost = fields.Decimal(as_string=True)
    expected_benefit = fields.Decimal(as_string=True)
    reduction_days = fields.Decimal(as_string=True)
    saving_cases = fields.Integer()
    saving_predicted_mean = fields.Decimal(as_string=True, allow_none=True)
    saving_realised_mean = fields.Decimal(as_string=True, allow_none=True)
    saving_realised_min = fields.Integer(allow_none=True)
    saving_realised_median = fields.Decimal(as_string=True, allow_none=True)
    saving_realised_max = fields.Integer(allow_none=True)


class EndReasonCountOut(ma.Schema):
    """How many trajectories closed (kind trajectory) or sick reports ended (kind sick_report) in the period with
    one end reason, per group; outcome is the reason's outcome class."""

    kind = fields.String()
    group = fields.String()
    end_reason = fields.String()
    outcome = fields.String(allow_none=True)
    count = fields.Integer()


class ReportOut(ma.Schema):
    """An outcome report."""

    date_from = fields.Date()
    date_to = fields.Date()
    grouping = fields.String()
    rows = fields.List(fields.Nested(ReportRowOut))
    end_reasons = fields.List(fields.Nested(EndReasonCountOut))


class ReportQuery(ma.Schema):
    """The period and grouping of a report; format json (default) or csv/xlsx."""

    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    group_by = fields.String(load_default="none", validate=ma.validate.OneOf(GROUPINGS))
    format = fields.String(load_default="json", validate=ma.validate.OneOf(("json", "csv", "xlsx")))


class NoteOut(ma.Schema):
    """A note (aantekening) in an employee's dossier."""

    id = fields.Integer()
    employee_id = fields.Integer()
    trajectory_id = fields.Integer(allow_none=True)
    author_id = fields.Integer(allow_none=True)
    author = fields.Function(lambda note: note.author.name if note.author else None, allow_none=True)
    text = fields.String()
    created_at = fields.DateTime()


class InterventionOut(ma.Schema):
    """A programme deployed in a trajectory, from its start to its (prognosed) end."""

    id = fields.Integer()
    trajectory_id = fields.Integer()
    programme_id = fields.Integer()
    programme = fields.Function(lambda intervention: intervention.programme.name)
    price = fields.Decimal(as_string=True)
    started_on = fields.Date()
    prognosis_end = fields.Date()
    actual_end = fields.Date(allow_none=True)
    end_reason_id = fields.Integer(allow_none=True)
    end_reason = fields.Function(
        lambda intervention: intervention.end_reason.name if intervention.end_reason else None,
        allow_none=True,
    )


class DocumentOut(ma.Schema):
    """A document made in a trajectory or for a consult (its PDF at /documents/{id}/pdf)."""

    id = fields.Integer()
    trajectory_id = fields.Integer(allow_none=True)
    consult_id = fields.Integer(allow_none=True)
    task_id = fields.Integer(allow_none=True)
    document_template_id = fields.Integer(allow_none=True)
    title = fields.String()
    created_at = fields.DateTime()
    created_by_id = fields.Integer(allow_none=True)
    origin = fields.Function(
        lambda document: document.origin.value,
        metadata={
            "description": "generated (from a template) or provider (uploaded through the upload link)"
        },
    )
    filename = fields.String(metadata={"description": "the file name a provider uploaded it with"})


class StepDoneOut(ma.Schema):
    """A Poortwachter step recorded as done, or as not needed (`waived`, with its `reason`)."""

    sick_report_id = fields.Integer()
    step = fields.String(attribute="step_key")
    done_on = fields.Date()
    waived = fields.Boolean()
    reason = fields.String()
    recorded_at = fields.DateTime()
    recorded_by_id = fields.Integer(allow_none=True)
