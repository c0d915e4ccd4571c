"""List pages refuse bad query values with 400 (page, sort, filters), instead of failing with a 500."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from ..limits import RefusedInput

MAX_NUMBER = 1_000_000  # a page, page size or sort column beyond this is no real request
NUMBERS = ("page", "page_size", "sort", "desc")


def _refuse(argument: str) -> RefusedInput:
    return RefusedInput(_("Ongeldige waarde voor %(argument)s in de lijst.", argument=argument))


class StrictListArgs:
    """Mixed into every console ModelView: the list's query arguments are checked before Flask-Admin uses
    them (it would crash on an unknown enum value or a page number the database cannot hold)."""

    def _get_list_extra_args(self) -> Any:
        for name in NUMBERS:
            value = request.args.get(name)
            if value is not None and not (value.isascii() and value.isdigit() and int(value) <= MAX_NUMBER):
                raise _refuse(name)
        filters = getattr(self, "_filter_args", None) or {}
        for argument, value in request.args.items():
            if not argument.startswith("flt"):
                continue
            _pos, _sep, key = argument[3:].partition("_")
            if not _pos.isdigit() or key not in filters:
                raise _refuse(argument)
            _index, flt = filters[key]
            try:
                valid = flt.validate(value)
                if valid:
                    flt.clean(value)
            except (KeyError, ValueError, TypeError, OverflowError, LookupError):
                valid = False
            if not valid:
                raise _refuse(argument)
        return super()._get_list_extra_args()  # type: ignore[misc]
