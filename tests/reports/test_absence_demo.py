"""The demo makes every absence figure real: each is non-zero, the classes and frequent absence included."""

from __future__ import annotations

import datetime as dt

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
        assert 0 < total["absence_percentage"] < 100
        assert 0 < total["report_frequency"] < 5
        assert total["without_hours"] == 1  # one employee without contract hours, counted as full-time
        hours = db.session.scalars(db.select(Employee.contract_hours).distinct()).all()
        assert len(hours) >= 5
        started = db.session.scalars(db.select(Employee.employment_start)).all()
        assert any(d > local_day(now) - dt.timedelta(days=365) for d in started)  # someone joined this year
        assert scan_signals(now).raised["frequent_absence"] >= 1
