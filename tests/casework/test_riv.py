"""The re-integratieverslag check (issue 14 item 6): from week 80, per sick report, each item present with its
date or missing; computed from the recorded steps; weeks 80 and 85 hand-computed below."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.riv import RivStatus, riv_check, riv_open_steps
from models import PoortwachterStepDone, SickReport

# Week N of illness starts on count day 7(N−1): week 80 on day 553, week 85 on day 588 (first sick day = day 0).
#
# case          first sick day     week 80 starts    week 85 starts    why
WEEKS = {
    "monday": (
        dt.date(2026, 1, 5),
        dt.date(2027, 7, 12),
        dt.date(2027, 8, 16),
        "05-01-2026 + 553 / + 588 days",
    ),
    "wednesday": (
        dt.date(2026, 3, 4),
        dt.date(2027, 9, 8),
        dt.date(2027, 10, 13),
        "a Wednesday stays a Wednesday",
    ),
    # Ill 02-06-2025 up to (not including) 30-06-2025: 28 days; sick again 14-07-2025 (2 weeks later: samentelling),
    # so 14-07-2025 is count day 28 and week 80 starts 553 − 28 = 525 days later.
    "summed_up": (
        dt.date(2025, 7, 14),
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 25),
        "count day 28 on 14-07-2025",
    ),
    # A voluntary extension to 02-07-2028 moves the end of the waiting time (02-01-2028) 182 days, and weeks 80/85 too.
    "extended": (
        dt.date(2026, 1, 5),
        dt.date(2028, 1, 10),
        dt.date(2028, 2, 14),
        "12-07-2027 / 16-08-2027 + 182",
    ),
}


def make_report(first: dt.date, **fields: object) -> SickReport:
    return SickReport(employee_id=1, first_sick_day=first, **fields)


def record(report: SickReport, key: str, day: dt.date, *, waived: bool = False, reason: str = "") -> None:
    report.steps_done.append(PoortwachterStepDone(step_key=key, done_on=day, waived=waived, reason=reason))


def case(name: str) -> tuple[SickReport, list[SickReport]]:
    first = WEEKS[name][0]
    if name == "summed_up":
        earlier = make_report(dt.date(2025, 6, 2), recovery_date=dt.date(2025, 6, 30))
        return make_report(first), [earlier]
    if name == "extended":
        return make_report(first, extended_until=dt.date(2028, 7, 2)), []
    return make_report(first), []


@pytest.mark.parametrize("name", sorted(WEEKS))
def test_weeks_80_and_85_by_hand(name: str) -> None:
    report, earlier = case(name)
    _first, week80, week85, _why = WEEKS[name]
    before = riv_check(report, today=week80 - dt.timedelta(days=1), earlier_reports=earlier)
    on = riv_check(report, today=week80, earlier_reports=earlier)
    assert (before.shown, on.shown) == (False, True)
    assert (on.shown_from, on.signalled_from) == (week80, week85)
    if name != "extended":
        assert (before.week, on.week) == (79, 80)
    assert riv_open_steps(report, earlier) == [
        ("riv_spoor_2_besluit", week85),
        ("riv_eindevaluatie", week85),
        ("riv_actueel_oordeel", week85),
    ]


def test_a_complete_dossier_lists_every_item_with_its_date() -> None:
    report = make_report(dt.date(2026, 1, 5))
    for key, day in (
        ("probleemanalyse", dt.date(2026, 2, 10)),
        ("plan_van_aanpak", dt.date(2026, 2, 20)),
        ("bijstelling_1", dt.date(2026, 9, 1)),
        ("evaluatie_1", dt.date(2026, 4, 1)),
        ("evaluatie_2", dt.date(2026, 5, 10)),
        ("eerstejaarsevaluatie", dt.date(2026, 12, 20)),
        ("spoor_2_besluit", dt.date(2026, 12, 20)),
        ("arbeidsdeskundig_onderzoek", dt.date(2026, 8, 25)),
        ("eindevaluatie", dt.date(2027, 7, 20)),
        ("actueel_oordeel", dt.date(2027, 7, 22)),
        ("evaluatie_3", dt.date(2027, 7, 20)),
    ):
        record(report, key, day)
    check = riv_check(report, today=dt.date(2027, 7, 26))  # week 82; the next evaluation is due 31-08-2027
    assert check.shown and check.complete and check.week == 82
    assert [i.words for i in check.items] == [
        "Probleemanalyse: aanwezig, 10-02-2026",
        "Plan van aanpak en bijstellingen: aanwezig, 20-02-2026, 01-09-2026 (1 bijstelling)",
        "Evaluaties plan van aanpak: aanwezig, 01-04-2026, 10-05-2026, 20-07-2027",
        "Eerstejaarsevaluatie: aanwezig, 20-12-2026",
        "Besluit spoor 2: aanwezig, 20-12-2026",
        "Arbeidsdeskundig onderzoek: aanwezig, 25-08-2026",
        "Eindevaluatie: aanwezig, 20-07-2027",
        "Actueel oordeel bedrijfsarts: aanwezig, 22-07-2027",
    ]
    assert riv_open_steps(report, []) == []


def test_missing_items_and_an_overdue_evaluation() -> None:
    report = make_report(dt.date(2026, 1, 5))
    record(report, "probleemanalyse", dt.date(2026, 2, 10))
    record(report, "plan_van_aanpak", dt.date(2026, 2, 20))
    record(report, "evaluatie_1", dt.date(2026, 4, 1))  # the next was due 13-05-2026 (6 weeks later)
    record(report, "arbeidsdeskundig_onderzoek", dt.date(2026, 8, 1), waived=True, reason="er was er geen")
    check = riv_check(report, today=dt.date(2027, 8, 16))  # the first day of week 85
    status = {i.key: i.status for i in check.items}
    assert status == {
        "probleemanalyse": RivStatus.PRESENT,
        "plan_van_aanpak": RivStatus.PRESENT,
        "evaluatie": RivStatus.MISSING,
        "eerstejaarsevaluatie": RivStatus.MISSING,
        "spoor_2_besluit": RivStatus.MISSING,
        "arbeidsdeskundig_onderzoek": RivStatus.WAIVED,
        "eindevaluatie": RivStatus.MISSING,
        "actueel_oordeel": RivStatus.MISSING,
    }
    words = {i.key: i.words for i in check.items}
    assert words["evaluatie"] == (
        "Evaluaties plan van aanpak: ontbreekt, 01-04-2026 (de volgende was uiterlijk 13-05-2026 nodig)"
    )
    assert (
        words["arbeidsdeskundig_onderzoek"]
        == "Arbeidsdeskundig onderzoek: niet nodig, 01-08-2026 (er was er geen)"
    )
    assert [i.key for i in check.missing] == [
        "evaluatie",
        "eerstejaarsevaluatie",
        "spoor_2_besluit",
        "eindevaluatie",
        "actueel_oordeel",
    ]


def test_an_arbeidsdeskundig_onderzoek_not_recorded_is_not_missing() -> None:
    check = riv_check(make_report(dt.date(2026, 1, 5)), today=dt.date(2027, 8, 1))
    item = next(i for i in check.items if i.key == "arbeidsdeskundig_onderzoek")
    assert (item.status, item.words) == (
        RivStatus.NOT_APPLICABLE,
        "Arbeidsdeskundig onderzoek: alleen als er een was",
    )
    assert "arbeidsdeskundig_onderzoek" not in {i.key for i in check.missing}


def test_steps_of_the_earlier_period_count_and_say_so() -> None:
    report, earlier = case("summed_up")
    record(earlier[0], "probleemanalyse", dt.date(2025, 6, 20))
    check = riv_check(report, today=dt.date(2027, 1, 4), earlier_reports=earlier)
    item = next(i for i in check.items if i.key == "probleemanalyse")
    assert item.words == "Probleemanalyse: aanwezig, 20-06-2025 (vorige verzuimperiode)"


def test_a_report_ended_before_week_80_shows_no_check() -> None:
    report = make_report(dt.date(2026, 1, 5), recovery_date=dt.date(2027, 7, 1))
    check = riv_check(report, today=dt.date(2027, 12, 1))
    assert (check.shown, check.week) == (False, 78)
