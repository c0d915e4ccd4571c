"""The demo makes every absence figure real: each is non-zero, the classes and frequent absence included, and
plausible for a Dutch employer (counted over the personeelsbestand, casework/demo_absence.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from console.cli import cli


def test_every_absence_figure_of_the_demo_is_non_zero(make_app):
    from casework.absence_figures import absence_figures, default_period
    from casework.calendar import local_day
    from jobs.scan import scan_signals
    from models import Employee, db, utcnow

    app = make_app()
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    with app.app_context():
        now = utcnow()
        figures = absence_figures(*default_period(local_day(now)))
        total = figures.total
        assert len(figures.rows) == 4
        for key, value in total.items():
            assert value, key  # every figure, the four duration classes and frequent absence included
        # As a Dutch employer and its arbodienst know them: 3-8% verzuim, about one sick report a year each.
        assert Decimal(3) <= total["absence_percentage"] <= Decimal(8)
        assert Decimal("0.5") <= total["report_frequency"] <= Decimal("1.5")
        for row in figures.rows:
            assert Decimal(3) <= row["absence_percentage"] <= Decimal(8), row["employer"]
            assert Decimal("0.4") <= row["report_frequency"] <= Decimal("1.5"), row["employer"]
            assert row["basis"] in ("workforce", "partial"), row["employer"]
        # The bakery delivered its figure eleven months ago: its first weeks count the known employees.
        assert sorted(row["basis"] for row in figures.rows) == [
            "partial",
            "workforce",
            "workforce",
            "workforce",
        ]
        assert total["basis"] == "mixed"
        assert total["without_hours"] == 1  # one employee without contract hours, counted as full-time
        hours = db.session.scalars(db.select(Employee.contract_hours).distinct()).all()
        assert len(hours) >= 5
        started = db.session.scalars(db.select(Employee.employment_start)).all()
        assert any(d > local_day(now) - dt.timedelta(days=365) for d in started)  # someone joined this year
        assert scan_signals(now).raised["frequent_absence"] >= 1
