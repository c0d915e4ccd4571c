"""The holiday list of the working-day calendar (menu Configuratie → Feestdagen), per year, for administrators.

Adding a day or switching one on or off goes through casework.holidays, which rewrites the Poortwachter open
steps (the ziekmelding bij UWV moves with the calendar) and logs the change. Days are never deleted.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.calendar import local_day
from casework.errors import Invalid
from casework.holidays import add_holiday, holidays_of, seed_holidays, set_holiday_active
from models import Holiday, db, utcnow

from ..auth import actor
from .base import Secured, flash_refusal
from .catalog import LISTS

FIELDS = {"name": _l("Naam"), "day": _l("Datum")}


class HolidayView(Secured, BaseView):
    """Feestdagen per jaar: the days off of the working-day calendar."""

    def _year(self) -> int:
        text = request.values.get("year", "")
        if text.isdigit() and 1900 <= int(text) <= 2999:
            return int(text)
        return local_day(utcnow()).year

    @expose("/")
    def index(self) -> Any:
        """The list of one year (seeded with the Algemene termijnenwet days when the year has none yet)."""
        year = self._year()
        if seed_holidays([year]):
            db.session.commit()
        return self.render("console/holidays.html", year=year, holidays=holidays_of(year))

    def _back(self, year: int) -> Any:
        return redirect(url_for(".index", year=year))

    @expose("/add", methods=["POST"])
    def add(self) -> Any:
        """Add a day off, through the engine."""
        try:
            holiday = add_holiday(
                {"name": request.form.get("name", ""), "day": request.form.get("day", "")},
                actor=actor(),
                now=utcnow(),
            )
        except Invalid as error:  # refused before anything changed
            flash_refusal(error, FIELDS)
            return self._back(self._year())
        db.session.commit()
        flash(_("Feestdag toegevoegd."), "success")
        return self._back(holiday.day.year)

    @expose("/<int:holiday_id>/active", methods=["POST"])
    def active(self, holiday_id: int) -> Any:
        """Switch a day on or off, through the engine."""
        holiday = db.session.get(Holiday, holiday_id)
        if holiday is None:
            abort(404)
        set_holiday_active(holiday, request.form.get("active") == "1", actor=actor(), now=utcnow())
        db.session.commit()
        flash(_("Feestdag bijgewerkt."), "success")
        return self._back(holiday.day.year)


def add_views(admin: Admin) -> None:
    """The Feestdagen menu item under Configuratie (administrators)."""
    admin.add_view(HolidayView(name=_l("Feestdagen"), endpoint="holidays", category=LISTS))
