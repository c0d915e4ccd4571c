"""The Wet verbetering poortwachter timeline: hand-computed dates, rules in words, statuses, samentelling.

Every date in TIMELINES was computed by hand from the rules in SPEC §6 ("uiterlijk in week N" = first sick day +
7N − 1 days; ziekmelding bij UWV on the first working day after week 42; re-integratieverslag and WIA-aanvraag
target week 91, the aanvraag uiterlijk week 93; einde wachttijd after 104 weeks), with the holidays of the
Algemene termijnenwet. Columns: probleemanalyse (week 6), plan van aanpak (week 8), first evaluation (6 weeks
after the plan's deadline), ziekmelding bij UWV, eerstejaarsevaluatie (week 52), re-integratieverslag and
WIA-aanvraag target (week 91), WIA-aanvraag uiterlijk (week 93), einde wachttijd.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casework.deadlines import next_deadline, poortwachter_deadlines, sick_count
from models import SickReport

D = dt.date
FIRST_DAY = D(2026, 1, 5)  # a Monday

# fmt: off
TIMELINES = {
    # first sick day           probleemanalyse  plan van aanpak  evaluatie 1     ziekmelding UWV  eerstejaarsevaluatie  RIV/WIA target  WIA uiterlijk   einde wachttijd
    "Monday 05-01-2026":       (D(2026, 1, 5),   D(2026, 2, 15),  D(2026, 3, 1),   D(2026, 4, 12), D(2026, 10, 26), D(2027, 1, 3),  D(2027, 10, 3),  D(2027, 10, 17), D(2028, 1, 2)),
    # week 42 ends on Tuesday 03-11-2026: the UWV notification is due the next day, a Wednesday.
    "Wednesday 14-01-2026":   (D(2026, 1, 14),  D(2026, 2, 24),  D(2026, 3, 10),  D(2026, 4, 21), D(2026, 11, 4), D(2027, 1, 12), D(2027, 10, 12), D(2027, 10, 26), D(2028, 1, 11)),
    # week 42 ends on Thursday 24-12-2026; Friday 25 is Eerste Kerstdag, then Saturday and Sunday.
    "Friday 06-03-2026":       (D(2026, 3, 6),   D(2026, 4, 16),  D(2026, 4, 30),  D(2026, 6, 11), D(2026, 12, 28), D(2027, 3, 4),  D(2027, 12, 2),  D(2027, 12, 16), D(2028, 3, 2)),
    # week 42 ends on Monday 26-04-2027; Tuesday 27-04-2027 is Koningsdag.
    "Tuesday 07-07-2026":      (D(2026, 7, 7),   D(2026, 8, 17),  D(2026, 8, 31),  D(2026, 10, 12), D(2027, 4, 28), D(2027, 7, 5),  D(2028, 4, 3),   D(2028, 4, 17),  D(2028, 7, 3)),
}
# fmt: on


def report(first_sick_day: dt.date = FIRST_DAY, employee_id: int | None = 1, **fields: object) -> SickReport:
    """A sick report (not stored: the timeline is a pure function of its dates and records)."""
    return SickReport(employee_id=employee_id, first_sick_day=first_sick_day, **fields)


def by_key(deadlines: list) -> dict:
    return {d.key: d for d in deadlines}


@pytest.mark.parametrize("case", TIMELINES)
def test_hand_computed_timelines(case: str) -> None:
    first, analysis, plan, evaluation, uwv, first_year, target, wia_last, end = TIMELINES[case]
    lines = by_key(poortwachter_deadlines(report(first), today=first))
    assert lines["ziekmelding_bedrijfsarts"].due == first + dt.timedelta(days=6)
    assert lines["probleemanalyse"].due == analysis
    assert lines["plan_van_aanpak"].due == plan
    assert lines["evaluatie_1"].due == evaluation
    assert lines["melding_uwv"].due == uwv
    assert lines["eerstejaarsevaluatie"].due == first_year
    assert lines["re_integratieverslag"].due == target
    assert (lines["wia_aanvraag"].target, lines["wia_aanvraag"].due) == (target, wia_last)
    assert (lines["einde_wachttijd"].due, lines["einde_wachttijd"].status) == (end, "date")


def test_the_worked_example_in_words() -> None:
    lines = by_key(poortwachter_deadlines(report(), today=FIRST_DAY))
    assert lines["probleemanalyse"].rule == (
        "Probleemanalyse door de bedrijfsarts: uiterlijk in week 6, op of vóór 15-02-2026 (eerste ziektedag 05-01-2026)"
    )
    assert lines["plan_van_aanpak"].rule == (
        "Binnen 2 weken na de probleemanalyse, uiterlijk in week 8: op of vóór 01-03-2026 (eerste ziektedag 05-01-2026)"
    )
    assert lines["melding_uwv"].rule == (
        "Op de eerste werkdag na week 42 (week 42 eindigt op 25-10-2026): 26-10-2026 (eerste ziektedag 05-01-2026)"
    )
    assert lines["einde_wachttijd"].rule == "Na 104 weken ziekte: 02-01-2028 (eerste ziektedag 05-01-2026)"
    assert lines["evaluatie_1"].rule == (
        "Ten minste elke 6 weken, gerekend vanaf de laatste evaluatie (de termijn van het plan van aanpak,"
        " 01-03-2026): op of vóór 12-04-2026"
    )
    assert "uiterlijk in week 93 (17-10-2027)" in lines["wia_aanvraag"].rule
    assert [d.key for d in poortwachter_deadlines(report(), today=FIRST_DAY)] == [
        "ziekmelding_bedrijfsarts",
        "probleemanalyse",
        "plan_van_aanpak",
        "evaluatie_1",
        "melding_uwv",
        "eerstejaarsevaluatie",
        "re_integratieverslag",
        "wia_aanvraag",
        "einde_wachttijd",
    ]


def test_plan_van_aanpak_within_two_weeks_of_the_probleemanalyse() -> None:
    from casework.deadlines import StepRecord

    early = by_key(
        poortwachter_deadlines(
            report(), today=FIRST_DAY, records=[StepRecord("probleemanalyse", D(2026, 2, 2))]
        )
    )
    assert early["plan_van_aanpak"].due == D(2026, 2, 16)  # 2 weeks after 2-2, before week 8
    assert (
        "Binnen 2 weken na de probleemanalyse (02-02-2026) en uiterlijk in week 8 (01-03-2026)"
        in early["plan_van_aanpak"].rule
    )
    late = by_key(
        poortwachter_deadlines(
            report(), today=FIRST_DAY, records=[StepRecord("probleemanalyse", D(2026, 2, 25))]
        )
    )
    assert late["plan_van_aanpak"].due == D(2026, 3, 1)  # never after week 8


def test_evaluations_run_every_six_weeks_from_the_last_one_through_the_waiting_time() -> None:
    from casework.deadlines import StepRecord

    records = [
        StepRecord("plan_van_aanpak", D(2026, 2, 20)),
        StepRecord("evaluatie_1", D(2026, 3, 30)),
        StepRecord("evaluatie_2", D(2026, 5, 4)),
    ]
    lines = by_key(poortwachter_deadlines(report(), today=D(2026, 5, 5), records=records))
    assert lines["evaluatie_1"].status == lines["evaluatie_2"].status == "done"
    assert lines["evaluatie_3"].due == D(2026, 6, 15)  # 4-5 + 6 weeks
    assert "evaluatie plan van aanpak 2 op 04-05-2026" in lines["evaluatie_3"].rule
    # Far into the second year the evaluations still continue: 6 weeks after the eerstejaarsevaluatie.
    late = [
        *records,
        StepRecord("eerstejaarsevaluatie", D(2027, 1, 2)),
        StepRecord("evaluatie_3", D(2027, 9, 1)),
    ]
    lines = by_key(poortwachter_deadlines(report(), today=D(2027, 9, 2), records=late))
    assert lines["evaluatie_4"].due == D(2027, 10, 13)
    # None beyond the end of the waiting time.
    last = [*late, StepRecord("evaluatie_4", D(2027, 12, 1))]
    assert not [
        k
        for k in by_key(poortwachter_deadlines(report(), today=D(2027, 12, 2), records=last))
        if k == "evaluatie_5"
    ]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2026, 2, 21), "upcoming"),  # 8 days ahead
        (D(2026, 2, 22), "due_soon"),  # 7 days ahead
        (D(2026, 3, 1), "due_soon"),  # the last day itself
        (D(2026, 3, 2), "missed"),
    ],
)
def test_status_of_the_plan_van_aanpak_relative_to_today(today: dt.date, status: str) -> None:
    assert by_key(poortwachter_deadlines(report(), today=today))["plan_van_aanpak"].status == status


def test_a_missed_step_stays_missed_when_later_deadlines_come() -> None:
    lines = by_key(poortwachter_deadlines(report(), today=D(2026, 11, 1)))
    assert [lines[k].status for k in ("ziekmelding_bedrijfsarts", "probleemanalyse", "plan_van_aanpak")] == [
        "missed",
        "missed",
        "missed",
    ]
    assert lines["melding_uwv"].status == "missed"
    upcoming = next_deadline(report(), today=D(2026, 11, 1))
    assert (upcoming.key, upcoming.due) == ("eerstejaarsevaluatie", D(2027, 1, 3))


def test_wia_aanvraag_is_dated_on_its_last_day_and_the_verslag_on_the_target() -> None:
    lines = by_key(poortwachter_deadlines(report(), today=D(2027, 10, 10)))
    assert lines["re_integratieverslag"].status == "missed"
    assert lines["wia_aanvraag"].status == "due_soon"  # 17-10-2027 is 7 days ahead
    assert by_key(poortwachter_deadlines(report(), today=D(2027, 10, 18)))["wia_aanvraag"].status == "missed"


def test_a_waived_step_shows_its_reason() -> None:
    from casework.deadlines import StepRecord

    records = [StepRecord("probleemanalyse", D(2026, 2, 1), waived=True, reason="hersteld vóór week 6")]
    line = by_key(poortwachter_deadlines(report(), today=D(2026, 3, 1), records=records))["probleemanalyse"]
    assert line.status == "waived" and line.rule.endswith("; niet nodig: hersteld vóór week 6")


def test_recovery_pauses_every_later_deadline() -> None:
    recovered = report(recovery_date=D(2026, 6, 1))
    lines = by_key(poortwachter_deadlines(recovered, today=D(2026, 9, 1)))
    assert lines["probleemanalyse"].status == "missed"  # due before the recovery
    later = [d for d in lines.values() if d.due and d.due >= D(2026, 6, 1) and d.key != "einde_wachttijd"]
    assert later and all(d.status == "paused" for d in later)
    assert lines["melding_uwv"].rule.endswith("; gepauzeerd: hersteld per 01-06-2026")
    assert next_deadline(recovered, today=D(2026, 9, 1)) is None


def test_closed_report_pauses_like_a_recovery() -> None:
    closed = report(closed_on=D(2026, 2, 1))
    lines = by_key(poortwachter_deadlines(closed, today=D(2026, 3, 10)))
    assert lines["ziekmelding_bedrijfsarts"].status == "missed"
    assert lines["probleemanalyse"].status == "paused"
    assert lines["probleemanalyse"].rule.endswith("; gepauzeerd: melding gesloten per 01-02-2026")


def test_loonsanctie_moves_the_end_and_the_steps_counted_back_from_it() -> None:
    # UWV imposes a loonsanctie until 02-07-2028: 26 weeks (182 days) after the regular end on 02-01-2028.
    sanctioned = report(loonsanctie_until=D(2028, 7, 2))
    lines = by_key(poortwachter_deadlines(sanctioned, today=D(2027, 12, 1)))
    assert lines["einde_wachttijd"].due == D(2028, 7, 2)
    assert lines["einde_wachttijd"].rule == (
        "Na 104 weken ziekte: 02-01-2028 (eerste ziektedag 05-01-2026); verlengd door een loonsanctie tot 02-07-2028"
    )
    assert lines["re_integratieverslag"].due == D(2028, 4, 2)  # 03-10-2027 + 182 days
    assert (lines["wia_aanvraag"].target, lines["wia_aanvraag"].due) == (D(2028, 4, 2), D(2028, 4, 16))
    assert lines["eerstejaarsevaluatie"].due == D(2027, 1, 3)  # earlier steps do not move
    # A voluntary extension beyond the loonsanctie moves it further.
    extended = report(loonsanctie_until=D(2028, 7, 2), extended_until=D(2028, 10, 1))
    assert by_key(poortwachter_deadlines(extended, today=D(2027, 12, 1)))["einde_wachttijd"].due == D(
        2028, 10, 1
    )


# Samentelling. Earlier report A: ill from Monday 05-01-2026 to 09-03-2026 (fit again; 63 days of illness, which hold
# week 6 and week 8), then 14 days worked, then report B from Monday 23-03-2026.
A_FIRST, A_RECOVERED, B_FIRST = D(2026, 1, 5), D(2026, 3, 9), D(2026, 3, 23)


def test_samentelling_counts_on_and_keeps_the_steps_done_earlier() -> None:
    from casework.deadlines import StepRecord

    a = report(A_FIRST, recovery_date=A_RECOVERED)
    b = report(B_FIRST)
    count = sick_count(b, [a])
    assert (count.start, count.worked_days, count.chained) == (D(2026, 1, 19), 14, (a,))
    records = [
        StepRecord("ziekmelding_bedrijfsarts", D(2026, 1, 5), own=False),
        StepRecord("probleemanalyse", D(2026, 2, 10), own=False),
    ]
    lines = by_key(poortwachter_deadlines(b, today=D(2026, 3, 23), earlier_reports=[a], records=records))
    # Its own week-1 ziekmelding: 23-3 + 6 days, not the earlier report's.
    assert (lines["ziekmelding_bedrijfsarts"].due, lines["ziekmelding_bedrijfsarts"].status) == (
        D(2026, 3, 29),
        "due_soon",
    )
    # The probleemanalyse fell in period A (15-02-2026) and was done there: done, with its date.
    analysis = lines["probleemanalyse"]
    assert (analysis.due, analysis.status, analysis.done_on) == (D(2026, 2, 15), "done", D(2026, 2, 10))
    assert analysis.rule.endswith("; vastgelegd in de vorige verzuimperiode")
    # The plan van aanpak was due 2 weeks after it (24-02-2026, in period A) and was not made: missed there.
    plan = lines["plan_van_aanpak"]
    assert (plan.due, plan.status) == (D(2026, 2, 24), "missed")
    assert plan.rule.endswith("; viel in de vorige verzuimperiode en is daar niet vastgelegd")
    # Later steps count the days of illness only: week 42 is the 294th day of illness, 14 days after the
    # calendar date it would have had without the worked days (02-11-2026 instead of 19-10-2026).
    assert lines["melding_uwv"].due == D(2026, 11, 9)  # week 42 ends Sunday 08-11-2026
    assert lines["einde_wachttijd"].due == D(2028, 1, 16)
    assert (
        "telling vanaf 05-01-2026, samengeteld; 14 gewerkte dagen tellen niet mee"
        in lines["melding_uwv"].rule
    )


def test_samentelling_shows_nothing_missed_that_was_not_due_in_the_earlier_period() -> None:
    # A short earlier period (ill 5-1 to 19-01-2026, 14 days) holds no deadline but week 1's.
    a = report(A_FIRST, recovery_date=D(2026, 1, 19))
    b = report(D(2026, 2, 2))  # 14 days worked
    lines = poortwachter_deadlines(b, today=D(2026, 2, 2), earlier_reports=[a], records=[])
    assert not [d for d in lines if d.status == "missed"]
    assert by_key(lines)["probleemanalyse"].due == D(2026, 3, 1)  # 27 more days of illness after 2-2


def test_samentelling_stops_at_four_weeks() -> None:
    just_within = report(D(2025, 11, 3), recovery_date=D(2025, 12, 9))  # 27 days worked
    four_weeks = report(D(2025, 11, 3), recovery_date=D(2025, 12, 8))  # 28 days worked
    assert sick_count(report(), [just_within]).start == D(2025, 11, 3) + dt.timedelta(days=27)
    assert sick_count(report(), [four_weeks]).start == FIRST_DAY
    lines = by_key(poortwachter_deadlines(report(), today=FIRST_DAY, earlier_reports=[four_weeks]))
    assert lines["plan_van_aanpak"].due == D(2026, 3, 1)
    assert "samengeteld" not in lines["plan_van_aanpak"].rule


def test_samentelling_chains_and_ignores_other_employees_and_open_reports() -> None:
    first = report(D(2025, 10, 1), recovery_date=D(2025, 10, 11))  # 10 days ill, 10 days worked
    second = report(D(2025, 10, 21), recovery_date=D(2025, 12, 26))  # 66 days ill, 10 days worked
    colleague = report(D(2025, 12, 1), employee_id=2, recovery_date=D(2026, 1, 2))
    never_recovered = report(D(2025, 12, 20))
    count = sick_count(report(), [colleague, first, never_recovered, second])
    assert count.chained == (second, first)
    assert (count.start, count.worked_days) == (D(2025, 10, 21), 20)
    assert count.count(FIRST_DAY) == 76  # 10 + 66 days of illness before 05-01-2026
    assert count.day(76) == FIRST_DAY and count.day(9) == D(2025, 10, 10) and count.day(10) == D(2025, 10, 21)


def test_timeline_of_a_stored_report_reads_its_records_and_earlier_reports(
    db, create_employee, create_sick_report, casemanager
) -> None:
    from casework.logbook import Actor
    from casework.poortwachter import record_step_done

    employee = create_employee(case_manager=casemanager)
    earlier = create_sick_report(employee, A_FIRST, recovery_date=A_RECOVERED)
    record_step_done(
        earlier, "probleemanalyse", D(2026, 2, 10), actor=Actor(casemanager), now=dt.datetime(2026, 3, 9)
    )
    current = create_sick_report(employee, B_FIRST)
    db.session.expire(employee)
    lines = by_key(poortwachter_deadlines(current, today=B_FIRST, earlier_reports=[earlier]))
    assert (lines["probleemanalyse"].status, lines["probleemanalyse"].done_on) == ("done", D(2026, 2, 10))
    assert lines["plan_van_aanpak"].status == "missed"
