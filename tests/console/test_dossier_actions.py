"""The dossier's Acties: case work in the console, through the same engine calls and refusals as Slack."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.process import complete_task, start_trajectory
from models import Category, EndGoal, EndReason, LogEntry, Note, Task, Trajectory, TrajectoryTemplate

from .conftest import csrf_token, sign_in

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_clock():
    """The console's today is 2 March 2026."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def employee(create_employee, create_sick_report, casemanager):
    """An employee of the case manager with an open sick report."""
    person = create_employee(case_manager=casemanager, first_name="Piet", last_name="Pietersen")
    create_sick_report(person, first_sick_day=dt.date(2026, 1, 5))
    return person


@pytest.fixture
def template(db):
    """The seed's "Inzet interventie"."""
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


def named(db, model, name):
    return db.session.scalar(sa.select(model).where(model.name == name))


@pytest.fixture
def trajectory(db, employee, template, casemanager):
    """A trajectory started with category and end goal; T1 open."""
    return start_trajectory(
        employee,
        template,
        actor=Actor(casemanager),
        now=NOW.replace(tzinfo=None),
        category=named(db, Category, "Arbo"),
        end_goal=named(db, EndGoal, "Werkhervatting eigen werk"),
    )


def open_task(trajectory, key):
    return next(t for t in trajectory.tasks if t.key == key and t.status.value == "open")


def snapshot(db):
    """What a refused action must leave as it was."""
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    tasks = db.session.execute(sa.select(Task.id, Task.status, Task.due_date, Task.assignee_id, Task.reason))
    return (count(Trajectory), count(Note), count(LogEntry), sorted(map(tuple, tasks)))


def post(client, path, page, **data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def test_the_dossier_has_an_acties_menu(cm_client, employee, trajectory):
    page = cm_client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    actions = page.split('id="actions"')[1].split("</details>")[0]
    assert "Acties" in actions and f"/admin/dossiers/acties/start/{employee.id}" in actions
    assert 'name="text"' in actions and "Aantekening" in actions
    assert f"/admin/dossiers/acties/task/{open_task(trajectory, 'T1').id}" in page
    assert f"/admin/dossiers/acties/trajectory/{trajectory.id}/close" in page
    assert "<script" not in actions and "onclick" not in page


def test_start_form_offers_the_categories_of_the_agreements_in_order(cm_client, db, employee):
    page = cm_client.get(f"/admin/dossiers/acties/start/{employee.id}").get_data(as_text=True)
    for label in ("Traject", "Categorie", "Einddoel", "Verzuimmelding", "Polis"):
        assert f">{label}" in page
    categories = page.split('id="category"')[1].split("</select>")[0]
    assert "Arbo" in categories and "Persoonlijk functioneren" in categories
    assert ">ZW<" not in categories  # ZW-begeleiding is not in this employer's agreement
    assert (
        categories.index("Persoonlijk functioneren")
        < categories.index("Werktijden")
        < categories.index("Arbo")
    )


def test_starting_a_trajectory_from_the_dossier(cm_client, db, employee, template):
    arbo = named(db, Category, "Arbo")
    path = f"/admin/dossiers/acties/start/{employee.id}"
    response = post(
        cm_client, path, path, template=template.id, category=arbo.id, sick_report=employee.sick_reports[0].id
    )
    assert response.status_code == 302
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employee.id))
    assert trajectory.category == arbo and trajectory.sick_report == employee.sick_reports[0]
    assert [t.key for t in trajectory.tasks] == ["T1"]
    page = cm_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Traject \u201cInzet interventie\u201d gestart." in page


@pytest.mark.parametrize(
    "form,field,message",
    [
        ({}, "template", "Kies een traject."),
        ({"category": "ZW"}, "category", "hoort bij een dienstverlening die"),
        ({"category": "abc"}, "category", "Kies een waarde uit de lijst."),
        ({"sick_report": "999999"}, "sick_report", "Kies een waarde uit de lijst."),
    ],
)
def test_start_refusals_show_the_message_under_the_field_and_change_nothing(
    cm_client, db, employee, template, form, field, message
):
    if form.get("category") == "ZW":
        form = {"category": named(db, Category, "ZW").id}
    if field != "template":
        form = {"template": template.id, **form}
    before = snapshot(db)
    path = f"/admin/dossiers/acties/start/{employee.id}"
    response = post(cm_client, path, path, **form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = page.split(f'data-field="{field}">')[1].split("</div>")[0]
    assert message in error
    assert snapshot(db) == before


def test_start_is_refused_for_an_employer_without_agreement(
    cm_client, db, create_employer, create_employee, casemanager, template
):
    employee = create_employee(employer=create_employer(agreement=False), case_manager=casemanager)
    path = f"/admin/dossiers/acties/start/{employee.id}"
    page = cm_client.get(path).get_data(as_text=True)
    assert "heeft geen dienstverleningsovereenkomst" in page.split('id="why-not"')[1]
    before = snapshot(db)
    response = post(cm_client, path, path, template=template.id)
    assert response.status_code == 422 and "geen dienstverleningsovereenkomst" in response.get_data(
        as_text=True
    )
    assert snapshot(db) == before


def test_t1_shows_what_the_start_set_and_confirms_it(cm_client, db, trajectory):
    t1 = open_task(trajectory, "T1")
    path = f"/admin/dossiers/acties/task/{t1.id}"
    page = cm_client.get(path).get_data(as_text=True)
    facts = page.split('id="trajectory-facts"')[1].split("</table>")[0]
    assert "Arbo" in facts and "Werkhervatting eigen werk" in facts
    assert "geen (geen polis met verzekerd belang)" in facts.split('id="mandate"')[1]
    assert "selected>Arbo</option>" in page  # pre-filled to confirm or change
    response = post(cm_client, path, path, category_id="", end_goal_id="")  # confirmed as it was
    assert response.status_code == 302
    assert t1.status.value == "done" and trajectory.category.name == "Arbo"
    assert open_task(trajectory, "T2").due_date == dt.date(2026, 3, 4)


def test_skipping_an_optional_task_needs_a_reason(cm_client, db, trajectory):
    t1 = open_task(trajectory, "T1")
    path = f"/admin/dossiers/acties/task/{t1.id}"
    before = snapshot(db)
    response = post(cm_client, f"{path}/skip", path, reason="  ")
    assert response.status_code == 422
    assert "Geef een reden" in response.get_data(as_text=True).split('data-field="skip.reason">')[1]
    assert snapshot(db) == before
    response = post(cm_client, f"{path}/skip", path, reason="Alles is bij de start al vastgelegd")
    assert response.status_code == 302
    assert t1.status.value == "skipped" and t1.reason == "Alles is bij de start al vastgelegd"
    assert open_task(trajectory, "T2")  # the process goes on
    page = cm_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Alles is bij de start al vastgelegd" in page


def test_a_mandatory_task_cannot_be_skipped(cm_client, db, trajectory, casemanager):
    complete_task(open_task(trajectory, "T1"), {}, actor=Actor(casemanager), now=NOW.replace(tzinfo=None))
    t2 = open_task(trajectory, "T2")
    path = f"/admin/dossiers/acties/task/{t2.id}"
    assert 'id="skip-form"' not in cm_client.get(path).get_data(as_text=True)
    before = snapshot(db)
    response = post(cm_client, f"{path}/skip", path, reason="geen zin")
    assert (
        response.status_code == 422
        and "is verplicht en kan niet worden overgeslagen" in response.get_data(as_text=True)
    )
    assert snapshot(db) == before


def test_programme_selection_shows_details_and_refuses_without_a_choice(
    cm_client, db, trajectory, casemanager, create_programme
):
    programme = create_programme(
        name="Mediation snel", characteristics=("Mediation",), description="Drie gesprekken met een mediator."
    )
    complete_task(open_task(trajectory, "T1"), {}, actor=Actor(casemanager), now=NOW.replace(tzinfo=None))
    t2 = open_task(trajectory, "T2")
    path = f"/admin/dossiers/acties/task/{t2.id}"
    page = cm_client.get(path).get_data(as_text=True)
    for label in ("Dienstverlening", "Regio's", "Kenmerken", "Voorkeur provider", "Programma"):
        assert label in page
    row = page.split(f'id="programme-{programme.id}"')[1].split("</tr>")[0]
    assert (
        "Mediation snel" in row
        and programme.provider.name in row
        and "Drie gesprekken met een mediator." in row
    )
    assert "Utrecht" in row and "Mediation" in row and "€ 1.500,00" in row and "8 weken" in row
    before = snapshot(db)
    response = post(cm_client, path, path)
    assert response.status_code == 422
    assert "Dit veld is verplicht." in response.get_data(as_text=True).split('data-field="programme_id">')[1]
    assert snapshot(db) == before
    response = post(cm_client, path, path, programme_id=programme.id, service_type_id="")
    assert response.status_code == 302 and trajectory.programme == programme


def test_reassign_and_reschedule_with_their_refusals(cm_client, db, trajectory, create_user):
    t1 = open_task(trajectory, "T1")
    path = f"/admin/dossiers/acties/task/{t1.id}"
    gone = create_user(name="Oud Collega", active=False)
    colleague = create_user(name="Nieuwe Collega")
    before = snapshot(db)
    for form, field, message in (
        ({"assignee": gone.id}, "reassign.assignee", "niet actief"),
        ({"assignee": ""}, "reassign.assignee", "Kies een casemanager."),
    ):
        response = post(cm_client, f"{path}/reassign", path, **form)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True).split(f'data-field="{field}">')[1]
    for form, field, message in (
        ({"due_date": "2026-02-01", "reason": "later"}, "reschedule.due_date", "vóór de start"),
        ({"due_date": "2026-03-20", "reason": ""}, "reschedule.reason", "Geef een reden"),
        ({"due_date": "31-02-2026", "reason": "x"}, "reschedule.due_date", "Geef een datum"),
    ):
        response = post(cm_client, f"{path}/reschedule", path, **form)
        assert response.status_code == 422
        assert message in response.get_data(as_text=True).split(f'data-field="{field}">')[1]
    assert snapshot(db) == before
    assert (
        post(
            cm_client, f"{path}/reschedule", path, due_date="2026-03-20", reason="Werkgever op vakantie"
        ).status_code
        == 302
    )
    assert t1.due_date == dt.date(2026, 3, 20)
    assert post(cm_client, f"{path}/reassign", path, assignee=colleague.id).status_code == 302
    assert t1.assignee == colleague


def test_closing_a_trajectory_and_its_refusals(cm_client, db, trajectory):
    path = f"/admin/dossiers/acties/trajectory/{trajectory.id}/close"
    page = cm_client.get(path).get_data(as_text=True)
    assert "Beëindigingsreden" in page
    before = snapshot(db)
    response = post(cm_client, path, path, end_reason="")
    assert response.status_code == 422 and "Kies een beëindigingsreden." in response.get_data(as_text=True)
    retired = named(db, EndReason, "Overig")
    retired.active = False
    db.session.flush()
    response = post(cm_client, path, path, end_reason=retired.id)
    assert response.status_code == 422 and "gedeactiveerd" in response.get_data(as_text=True)
    assert snapshot(db) == before
    reason = named(db, EndReason, "Interventie afgebroken")
    assert post(cm_client, path, path, end_reason=reason.id).status_code == 302
    assert trajectory.status.value == "closed" and trajectory.end_reason == reason
    assert all(t.status.value == "cancelled" for t in trajectory.tasks)
    response = post(cm_client, path, path, end_reason=reason.id)
    assert response.status_code == 422 and "al gesloten" in response.get_data(as_text=True)


def test_adding_a_note_and_refusing_a_long_one(cm_client, db, employee):
    path = f"/admin/dossiers/acties/note/{employee.id}"
    page = f"/admin/dossiers/{employee.id}/"
    before = snapshot(db)
    response = cm_client.post(
        path, data={"text": "x" * 1501, "csrf_token": csrf_token(cm_client, page)}, follow_redirects=True
    )
    assert "hoogstens 1.500 tekens" in response.get_data(as_text=True)
    after = snapshot(db)
    assert after[:2] == before[:2]  # no note (the dossier read is logged, the note is not)
    response = post(cm_client, path, page, text="Gebeld met de werkgever")
    assert response.status_code == 302
    assert (
        db.session.scalar(sa.select(Note.text).where(Note.employee_id == employee.id))
        == "Gebeld met de werkgever"
    )


def test_without_csrf_nothing_changes(cm_client, db, employee, template, trajectory):
    before = snapshot(db)
    t1 = open_task(trajectory, "T1")
    for path, data in (
        (f"/admin/dossiers/acties/start/{employee.id}", {"template": template.id}),
        (f"/admin/dossiers/acties/task/{t1.id}/skip", {"reason": "x"}),
        (f"/admin/dossiers/acties/note/{employee.id}", {"text": "x"}),
        (f"/admin/dossiers/acties/trajectory/{trajectory.id}/close", {"end_reason": "1"}),
    ):
        assert cm_client.post(path, data=data).status_code == 400
    assert snapshot(db) == before


def test_another_case_manager_gets_nothing(client, db, employee, template, trajectory, create_user):
    other = create_user(name="Andere Casemanager")
    sign_in(client, other)
    t1 = open_task(trajectory, "T1")
    token = csrf_token(client, "/admin/")
    before = snapshot(db)
    for path in (
        f"/admin/dossiers/acties/start/{employee.id}",
        f"/admin/dossiers/acties/task/{t1.id}",
        f"/admin/dossiers/acties/trajectory/{trajectory.id}/close",
    ):
        assert client.get(path).status_code == 404
    for path, data in (
        (f"/admin/dossiers/acties/start/{employee.id}", {"template": template.id}),
        (f"/admin/dossiers/acties/task/{t1.id}", {}),
        (f"/admin/dossiers/acties/task/{t1.id}/skip", {"reason": "x"}),
        (f"/admin/dossiers/acties/task/{t1.id}/reassign", {"assignee": other.id}),
        (f"/admin/dossiers/acties/task/{t1.id}/reschedule", {"due_date": "2026-03-20", "reason": "x"}),
        (f"/admin/dossiers/acties/note/{employee.id}", {"text": "x"}),
        (f"/admin/dossiers/acties/trajectory/{trajectory.id}/close", {"end_reason": "1"}),
    ):
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 404
    assert snapshot(db) == before


def test_the_dossier_shows_policies_insured_interest_mandate_and_agreements(cm_client, db, employee):
    policy = employee.employer.policies[0]
    agreement = employee.employer.agreements[0]
    agreement.policy, agreement.mandate = policy, Decimal("3000.00")
    db.session.flush()
    page = cm_client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    policies = page.split('id="policies"')[1].split("</table>")[0]
    assert policy.policy_number in policies and policy.product.name in policies
    assert "Verzuimverzekering" in policies and ">ja<" in policies and "€ 2.500,00" in policies
    agreements = page.split('id="agreements"')[1].split("</table>")[0]
    assert (
        agreement.variation.name in agreements
        and "€ 3.000,00" in agreements
        and policy.policy_number in agreements
    )
