"""The benchmark's data generator fills poortwachter_open_steps with one INSERT … SELECT (issue 14); its rows are
exactly what casework.timeline computes report by report, samentelling and the first working day included."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_migrate import upgrade

from benchmarks.generate import Size, generate
from casework.seed import load_seed_configuration
from casework.timeline import refresh_all_open_steps
from models import PoortwachterOpenStep, SickReport, db

NOW = dt.datetime(2026, 3, 2, 9, 30)


def rows() -> set[tuple]:
    return set(
        db.session.execute(
            sa.select(
                PoortwachterOpenStep.sick_report_id,
                PoortwachterOpenStep.employee_id,
                PoortwachterOpenStep.step_key,
                PoortwachterOpenStep.label,
                PoortwachterOpenStep.due_date,
            )
        ).all()
    )


def test_generated_open_steps_are_the_timelines_own(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        db.session.commit()
        counts = generate(db.engine, NOW, Size(employees=900, tasks=100, case_managers=2, employers=2))
        generated = rows()
        open_reports = db.session.scalar(
            sa.select(sa.func.count()).select_from(SickReport).where(SickReport.recovery_date.is_(None))
        )
        chained = db.session.scalar(
            sa.select(sa.func.count()).select_from(SickReport).where(SickReport.recovery_date.is_not(None))
        )
        assert (
            open_reports == 300 and chained > 10
        )  # every third employee; some summed up with an earlier one
        assert counts["poortwachter_open_steps"] == len(generated) == 11 * open_reports
        assert {key for _r, _e, key, _l, _d in generated} >= {
            "melding_uwv",
            "riv_eindevaluatie",
            "evaluatie_1",
        }
        refresh_all_open_steps()  # the engine, report by report
        assert rows() == generated
        db.session.rollback()
