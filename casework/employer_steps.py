"""The first page of the four-step employer registration (seed 001), checked before anything is saved.

The registration wizard asks for the employer's own details on its first page and for the label and referrer
on its second; only then can `register_employer` save the employer. This check lets the first page refuse
what the engine would refuse (format, a name or KvK number already taken) with the same messages, under the
same fields, without changing anything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .calendar import local_day
from .registration import _employer_errors
from .schemas import EmployerInput, load

STEP_ONE_FIELDS = (
    "name",
    "kvk_number",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def check_employer_details(data: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    """Step 1: the employer's details as the engine would accept them (cleaned), or Invalid naming the field."""
    given = {key: data.get(key, "") for key in STEP_ONE_FIELDS}
    values = load(EmployerInput(), given, partial=("label_id",))
    _employer_errors(values, None, local_day(now))  # name and KvK number not yet taken; changes nothing
    return {key: values.get(key, "") for key in STEP_ONE_FIELDS if values.get(key) is not None}
