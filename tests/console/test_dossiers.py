"""Casework read views: the employees list and the dossier, within the caseload, every read logged."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.notes import add_note
from casework.poortwachter import record_step_done
from casework.process import start_trajectory
from models import Document, LogEntry, PoortwachterStepDone, Signal, Task, TrajectoryTemplate

from .conftest import csrf_token, sign_in

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
BSN = "111222333"


@pytest.fixture(autouse=True)
def pinned_clock():
    """The console's today is 2 March 2026."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def dossier(db, create_employee, create_sick_report, casemanager):
    """An employee of the case manager with a sick report, an open trajectory, a note, a signal, a document."""
    employee = create_employee(case_manager=casemanager, bsn=BSN, first_name="Piet", last_name="Pietersen")
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=NOW.replace(tzinfo=None))
    first = trajectory.tasks[0]
    first.due_date = dt.date(2026, 3, 20)  # open, not yet due
    later = Task(
        trajectory=trajectory,
        task_template=first.task_template,
        key="T9",
        name="Te late taak",
        kind=first.kind,
        due_date=dt.date(2026, 2, 1),  # overdue
    )
    done = Task(
        trajectory=trajectory,
        task_template=first.task_template,
        key="T8",
        name="Afgeronde taak",
        kind=first.kind,
        due_date=dt.date(2026, 1, 10),  # earliest, but done: listed last
        status="done",
        completed_at=NOW.replace(tzinfo=None),
    )
    db.session.add_all([later, done])
    add_note(
        employee,
        "Telefonisch gesproken over de planning",
        actor=Actor(casemanager),
        now=NOW.replace(tzinfo=None),
    )
    db.session.add_all(
        [
            Signal(
                kind="not_contacted",
                subject_type="employee",
                subject_id=employee.id,
                due_date=dt.date(2026, 2, 20),
                employee=employee,
                detail="Al 3 weken geen contact",
            ),
            Document(
                trajectory=trajectory, title="Plan van aanpak Piet", html="<p>Plan</p>", pdf=b"%PDF-1.4 test"
            ),
        ]
    )
    db.session.flush()
    return employee


def trajectory_first_task(employee) -> str:
    task = next(t for t in employee.trajectories[0].tasks if t.key not in ("T8", "T9"))
    return f"{task.key} {task.name}"


def reads(db, employee) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LogEntry)
        .where(LogEntry.action == "dossier.read", LogEntry.employee_id == employee.id)
    )


def test_dossier_shows_everything_and_logs_the_read(cm_client, db, dossier, casemanager):
    assert reads(db, dossier) == 0
    page = cm_client.get(f"/admin/dossiers/{dossier.id}/").get_data(as_text=True)
    assert reads(db, dossier) == 1
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "dossier.read"))
    assert entry.actor_id == casemanager.id
    assert "Piet Pietersen" in page and "Inzet interventie" in page
    assert "Telefonisch gesproken over de planning" in page
    assert "Lang niet gesproken" in page and "Al 3 weken geen contact" in page
    assert (
        "Binnen 2 weken na de probleemanalyse, uiterlijk in week 8: op of vóór 01-03-2026" in page
    )  # rule in words
    assert "Plan van aanpak Piet" in page and "/admin/dossiers/document/" in page
    tasks = page.split('class="table table-sm tasks"')[1].split("</table>")[0]
    assert (
        tasks.index("T9 Te late taak")
        < tasks.index(trajectory_first_task(dossier))
        < tasks.index("T8 Afgeronde")
    )
    assert tasks.count("table-danger overdue") == 1
    assert BSN not in page and "******333" in page
    assert "Dossier van Piet Pietersen ingezien" in page.split('id="logbook"')[1]


def test_list_masks_the_bsn_and_searches_by_name_number_and_postcode(cm_client, dossier):
    for term in ("pieters", dossier.personnel_number, "3511AX", "3511"):
        page = cm_client.get("/admin/dossiers/", query_string={"q": term}).get_data(as_text=True)
        assert "Piet Pietersen" in page, term
        assert BSN not in page and "******333" in page
    page = cm_client.get("/admin/dossiers/", query_string={"q": "zzz-niemand"}).get_data(as_text=True)
    assert "Piet Pietersen" not in page and "Geen werknemers gevonden." in page


def test_a_case_manager_sees_only_their_caseload(client, db, dossier, create_user, create_employee):
    other = create_user(name="Andere Casemanager")
    theirs = create_employee(case_manager=other, first_name="Klaas", last_name="Klaassen")
    sign_in(client, other)
    page = client.get("/admin/dossiers/").get_data(as_text=True)
    assert "Klaas Klaassen" in page and "Piet Pietersen" not in page
    assert "Piet Pietersen" not in client.get("/admin/dossiers/?q=pieters").get_data(as_text=True)
    assert client.get(f"/admin/dossiers/{dossier.id}/").status_code == 404
    document = db.session.scalar(sa.select(Document))
    assert client.get(f"/admin/dossiers/document/{document.id}").status_code == 404
    assert client.get(f"/admin/dossiers/{dossier.id}/logboek/").status_code == 404
    assert reads(db, dossier) == 0  # a refused read is no read
    assert client.get(f"/admin/dossiers/{theirs.id}/").status_code == 200
    # A line of another dossier, or no line at all, opens no page of this one's log book.
    line = db.session.scalar(sa.select(LogEntry.id).where(LogEntry.employee_id == dossier.id))
    for before in (str(line), "abc", "-1", "9" * 30):
        assert client.get(f"/admin/dossiers/{theirs.id}/logboek/?voor={before}").status_code == 404, before


def test_the_whole_log_book_is_a_page_of_its_own_and_its_read_is_logged(cm_client, db, dossier):
    page = cm_client.get(f"/admin/dossiers/{dossier.id}/logboek/").get_data(as_text=True)
    assert "Logboek van Piet Pietersen" in page
    logbook = page.split('id="logbook"')[1]
    assert "Logboek van Piet Pietersen ingezien" in logbook.split("<tr><td>")[1]  # this read, on top
    assert 'id="logbook-older"' not in page  # a short log book is one page
    assert f'href="/admin/dossiers/{dossier.id}/"' in page  # back to the dossier
    shown = db.session.scalar(
        sa.select(sa.func.count()).select_from(LogEntry).where(LogEntry.action == "dossier.logbook_read")
    )
    assert shown == 1


def test_document_download_is_logged(cm_client, db, dossier):
    document = db.session.scalar(sa.select(Document))
    response = cm_client.get(f"/admin/dossiers/document/{document.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data == b"%PDF-1.4 test"
    assert db.session.scalar(
        sa.select(LogEntry.action).where(
            LogEntry.subject_id == document.id, LogEntry.action == "document.read"
        )
    )


def test_admin_reassigns_through_the_engine_with_the_log(admin_client, db, dossier, create_user):
    new = create_user(name="Nieuwe Casemanager")
    path = f"/admin/dossiers/{dossier.id}/case-manager"
    token = csrf_token(admin_client, f"/admin/dossiers/{dossier.id}/")
    response = admin_client.post(path, data={"case_manager_id": new.id, "csrf_token": token})
    assert response.status_code == 302
    db.session.refresh(dossier)
    assert dossier.case_manager_id == new.id
    assert all(t.case_manager_id == new.id for t in dossier.trajectories)  # open trajectories follow
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "employee.reassigned"))
    assert entry.message == "Casemanager van Piet Pietersen van Sanne de Wit naar Nieuwe Casemanager"


def test_reassign_refusals_change_nothing(admin_client, db, dossier, casemanager, admin_user):
    path = f"/admin/dossiers/{dossier.id}/case-manager"
    assert (
        admin_client.post(path, data={"case_manager_id": admin_user.id}).status_code == 400
    )  # no CSRF token
    token = csrf_token(admin_client, f"/admin/dossiers/{dossier.id}/")
    response = admin_client.post(
        path, data={"case_manager_id": admin_user.id, "csrf_token": token}, follow_redirects=True
    )
    assert "Casemanager: Kies een actieve casemanager." in response.get_data(as_text=True)
    db.session.refresh(dossier)
    assert dossier.case_manager_id == casemanager.id
    assert not db.session.scalar(sa.select(LogEntry.id).where(LogEntry.action == "employee.reassigned"))


def test_a_case_manager_cannot_reassign(cm_client, db, dossier, create_user):
    new = create_user(name="Nieuwe Casemanager")
    token = csrf_token(cm_client, f"/admin/dossiers/{dossier.id}/")
    page = cm_client.get(f"/admin/dossiers/{dossier.id}/").get_data(as_text=True)
    assert 'id="reassign"' not in page
    response = cm_client.post(
        f"/admin/dossiers/{dossier.id}/case-manager", data={"case_manager_id": new.id, "csrf_token": token}
    )
    assert response.status_code == 403
    db.session.refresh(dossier)
    assert dossier.case_manager.name == "Sanne de Wit"


def test_dashboard_filters_narrow_the_list(admin_client, dossier, create_employee):
    create_employee(first_name="Zonder", last_name="Traject")
    for query in ({"filter": "open"}, {"filter": "overdue"}, {"signal": "not_contacted"}):
        page = admin_client.get("/admin/dossiers/", query_string=query).get_data(as_text=True)
        assert "Piet Pietersen" in page and "Zonder Traject" not in page, query
    page = admin_client.get("/admin/dossiers/", query_string={"signal": "task_overdue"}).get_data(
        as_text=True
    )
    assert "Piet Pietersen" not in page


def test_times_are_shown_in_dutch_time_not_utc(cm_client, dossier):
    page = cm_client.get(f"/admin/dossiers/{dossier.id}/").get_data(as_text=True)
    notes = page.split('id="notes"')[1].split("</ul>")[0]
    assert "02-03-2026 10:00" in notes and "09:00" not in notes  # 09:00 UTC is 10:00 in Amsterdam in March
    logbook = page.split('id="logbook"')[1]
    assert "02-03-2026 10:00" in logbook and "02-03-2026 09:00" not in logbook


def steps_done(db) -> list[tuple[str, dt.date]]:
    rows = db.session.execute(
        sa.select(PoortwachterStepDone.step_key, PoortwachterStepDone.done_on).order_by(
            PoortwachterStepDone.id
        )
    )
    return [tuple(r) for r in rows]


def test_a_case_manager_records_a_poortwachter_step_as_done_and_undoes_it(cm_client, db, dossier):
    report = dossier.sick_reports[0]
    page = cm_client.get(f"/admin/dossiers/{dossier.id}/").get_data(as_text=True)
    row = page.split(f'id="step-{report.id}-probleemanalyse"')[1].split("</tr>")[0]
    assert "verstreken" in row and "Afgerond op" in row and 'value="2026-03-02"' in row  # default today
    token = csrf_token(cm_client, f"/admin/dossiers/{dossier.id}/")

    response = cm_client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-done",
        data={"step": "probleemanalyse", "done_on": "2026-02-12", "csrf_token": token},
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert steps_done(db) == [("probleemanalyse", dt.date(2026, 2, 12))]
    row = page.split(f'id="step-{report.id}-probleemanalyse"')[1].split("</tr>")[0]
    assert "afgerond op 12-02-2026" in row and "ongedaan maken" in row and "Afgerond op" not in row
    assert "Poortwachter-stap afgerond vastgelegd." in page
    assert "Poortwachter: Probleemanalyse afgerond op 12-02-2026" in page.split('id="logbook"')[1]

    response = cm_client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-undo",
        data={"step": "probleemanalyse", "csrf_token": token},
        follow_redirects=True,
    )
    assert steps_done(db) == []
    row = response.get_data(as_text=True).split(f'id="step-{report.id}-probleemanalyse"')[1].split("</tr>")[0]
    assert "verstreken" in row and "ongedaan maken" not in row


@pytest.mark.parametrize(
    ("form", "shown"),
    [
        (
            {"step": "probleemanalyse", "done_on": "2026-03-09"},
            "Afgerond op: Deze datum ligt in de toekomst.",
        ),
        ({"step": "probleemanalyse", "done_on": "2025-12-31"}, "Afgerond op: Deze datum ligt vóór de eerste"),
        ({"step": "diagnose", "done_on": "2026-02-12"}, "Stap: Onbekende Poortwachter-stap."),
    ],
)
def test_step_refusals_are_flashed_with_the_field_and_change_nothing(cm_client, db, dossier, form, shown):
    report = dossier.sick_reports[0]
    token = csrf_token(cm_client, f"/admin/dossiers/{dossier.id}/")
    response = cm_client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-done",
        data={**form, "csrf_token": token},
        follow_redirects=True,
    )
    assert shown in response.get_data(as_text=True)
    assert steps_done(db) == []
    assert not db.session.scalar(sa.select(LogEntry.id).where(LogEntry.action == "poortwachter.step_done"))


def test_recording_a_step_without_csrf_is_refused(cm_client, db, dossier):
    report = dossier.sick_reports[0]
    response = cm_client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-done",
        data={"step": "probleemanalyse", "done_on": "2026-02-12"},
    )
    assert response.status_code == 400
    assert steps_done(db) == []


def test_another_case_manager_cannot_record_or_undo_a_step(client, db, dossier, create_user, create_employee):
    report = dossier.sick_reports[0]
    record_step_done(
        report,
        "ziekmelding_bedrijfsarts",
        dt.date(2026, 1, 6),
        actor=Actor(dossier.case_manager),
        now=NOW.replace(tzinfo=None),
    )
    other = create_user(name="Andere Casemanager")
    theirs = create_employee(case_manager=other)
    sign_in(client, other)
    token = csrf_token(client, f"/admin/dossiers/{theirs.id}/")
    done = client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-done",
        data={"step": "probleemanalyse", "done_on": "2026-02-12", "csrf_token": token},
    )
    undo = client.post(
        f"/admin/dossiers/sick-report/{report.id}/step-undo",
        data={"step": "ziekmelding_bedrijfsarts", "csrf_token": token},
    )
    assert (done.status_code, undo.status_code) == (404, 404)
    assert steps_done(db) == [("ziekmelding_bedrijfsarts", dt.date(2026, 1, 6))]
