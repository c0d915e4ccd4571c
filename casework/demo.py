"""`traject demo`: a realistic demo data set, loaded once (employers, employees, providers, trajectories in
every state of "Inzet interventie", an administrator and two case managers)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from models import (
    Characteristic,
    ClientWeight,
    CostBenefit,
    Employee,
    Employer,
    EndReason,
    InsuranceProduct,
    Intervention,
    Label,
    Note,
    Outcome,
    Policy,
    Programme,
    Provider,
    Region,
    Role,
    SeedRecord,
    ServiceAgreement,
    ServiceType,
    ServiceVariation,
    SickReport,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
    User,
    db,
)

from . import seeddata
from .accounts import hash_password
from .bsn import WEIGHTS
from .logbook import SYSTEM, log

DEMO_USERS = [
    ("beheer@traject.example", "Fatima Beheer", Role.ADMIN, None, "demo-beheer-2026"),
    ("sanne.casemanager@traject.example", "Sanne de Wit", Role.CASEMANAGER, "U0DEMOSANNE", "demo-sanne-2026"),
    (
        "youssef.casemanager@traject.example",
        "Youssef El Amrani",
        Role.CASEMANAGER,
        "U0DEMOYOUSS",
        "demo-youssef-2026",
    ),
]

EMPLOYERS = [
    ("Bakkerij De Korenschoof B.V.", "30123456", "Molenstraat 12", "8011 AB", "Zwolle"),
    ("Installatiebedrijf Van Dijk & Zonen", "17234567", "Industrieweg 4", "5627 BT", "Eindhoven"),
    ("Zorggroep De Linde", "41345678", "Lindelaan 100", "3521 CK", "Utrecht"),
    ("Transportbedrijf Noorderlicht", "01456789", "Havenkade 7", "9723 JA", "Groningen"),
]
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jeroen",
    "Kim",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Wouter",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Yılmaz"),
    ("", "Kaya"),
    ("El", "Idrissi"),
]
SECTORS = ["Voedingsmiddelen", "Installatietechniek", "Zorg en welzijn", "Transport en logistiek"]
CITIES = [
    ("8011 AB", "Zwolle"),
    ("5611 AZ", "Eindhoven"),
    ("3511 AX", "Utrecht"),
    ("9711 AA", "Groningen"),
    ("6811 AA", "Arnhem"),
    ("2511 AA", "Den Haag"),
    ("1011 AB", "Amsterdam"),
    ("4811 AA", "Breda"),
]

# How far each demo trajectory has come: the number of tasks done, then how it ended (if it did).
STATES: list[tuple[int, str | None]] = [
    (0, None),
    (1, None),
    (2, None),
    (3, None),
    (4, None),
    (5, None),
    (6, None),
    (7, "success"),
    (7, "not_successful"),
    (4, "rejected"),
    (0, None),
    (2, None),
    (5, None),
    (7, "success"),
    (4, "rejected"),
    (3, None),
]


@dataclass
class DemoResult:
    """What was added, and the logins to print."""

    created: dict[str, int] = field(default_factory=dict)
    already_present: bool = False

    def summary(self) -> str:
        """What to print after loading."""
        head = (
            "Demo data: already present, nothing added."
            if self.already_present
            else "Demo data: added " + ", ".join(f"{n} {k}" for k, n in self.created.items()) + "."
        )
        logins = "\n".join(
            f"  {role.value:<12} {email}  password: {pw}" for email, _, role, _, pw in DEMO_USERS
        )
        return f"{head}\nDemo logins (change or remove them outside a demo):\n{logins}"


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(w * d for w, d in zip(WEIGHTS[:8], digits, strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def _one(model: type, name: str) -> Any:
    return db.session.scalar(sa.select(model).where(model.name == name))


class _Demo:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.today = now.date()
        self.rng = random.Random(2026)
        self.result = DemoResult()
        self.started = 0  # trajectories made so far: each next one takes the next state

    def count(self, kind: str, n: int = 1) -> None:
        self.result.created[kind] = self.result.created.get(kind, 0) + n

    def load(self) -> DemoResult:
        users = self.users()
        self.providers()
        employers = self.employers()
        self.employees(employers, users[1:])
        return self.result

    def users(self) -> list[User]:
        rows = []
        for email, name, role, slack_id, password in DEMO_USERS:
            user = db.session.scalar(sa.select(User).where(User.email == email))
            if user is None:
                user = User(
                    email=email,
                    name=name,
                    role=role,
                    slack_user_id=slack_id,
                    password_hash=hash_password(password),
                    created_at=self.now,
                )
                db.session.add(user)
                self.count("users")
            rows.append(user)
        db.session.flush()
        return rows

    def providers(self) -> None:
        regions = {r.name: r for r in db.session.scalars(sa.select(Region))}
        characteristics = {c.name: c for c in db.session.scalars(sa.select(Characteristic))}
        service_types = {s.name: s for s in db.session.scalars(sa.select(ServiceType))}
        for item in seeddata.DEMO_PROVIDERS:
            if _one(Provider, item["name"]):
                continue
            provider = Provider(
                name=item["name"],
                description=item.get("description", ""),
                contact_name=item.get("contact_name", ""),
                email=item.get("email", ""),
                phone=item.get("phone", ""),
                website=item.get("website", ""),
                regions=[regions[n] for n in item["regions"] if n in regions],
            )
            for prog in item["programmes"]:
                provider.programmes.append(
                    Programme(
                        name=prog["name"],
                        description=prog.get("description", ""),
                        price=prog["price"],
                        duration_weeks=prog["duration_weeks"],
                        regions=[regions[n] for n in prog["regions"] if n in regions]
                        if prog.get("regions")
                        else list(provider.regions),
                        characteristics=[
                            characteristics[n] for n in prog["characteristics"] if n in characteristics
                        ],
                        service_types=[service_types[n] for n in prog["service_types"] if n in service_types],
                    )
                )
                self.count("programmes")
            db.session.add(provider)
            self.count("providers")
        db.session.flush()

    def employers(self) -> list[Employer]:
        label = db.session.scalars(sa.select(Label).order_by(Label.position, Label.id)).first()
        referrer = label.referrers[0] if label and label.referrers else None
        product = db.session.scalars(sa.select(InsuranceProduct).order_by(InsuranceProduct.id)).first()
        variations = list(db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)))
        rows = []
        for i, (name, kvk, address, postcode, city) in enumerate(EMPLOYERS):
            employer = Employer(
                name=name,
                kvk_number=kvk,
                label=label,
                referrer=referrer,
                address=address,
                postcode=postcode,
                city=city,
                contact_name="P. de Contactpersoon",
                contact_email=f"hr@{kvk}.example.nl",
                created_at=self.now,
            )
            db.session.add(employer)
            if i == len(EMPLOYERS) - 1:  # the last one has no agreement: it may start no trajectory
                rows.append(employer)
                continue
            policy = None
            if product is not None:
                policy = Policy(
                    employer=employer,
                    product=product,
                    policy_number=f"VZ-{kvk}",
                    start_date=dt.date(self.today.year - 1, 1, 1),
                )
                db.session.add(policy)
            start = dt.date(self.today.year - 1, 1, 1)
            db.session.add(
                ServiceAgreement(
                    employer=employer,
                    variation=variations[i % len(variations)],
                    start_date=start,
                    policy=policy if product is not None and product.claims_management else None,
                    mandate=product.mandate if product is not None and product.claims_management else None,
                )
            )
            if i == 0 and len(variations) > 1:  # stacking: a second variation taken later
                db.session.add(
                    ServiceAgreement(
                        employer=employer,
                        variation=variations[1],
                        start_date=self.today - dt.timedelta(days=90),
                    )
                )
            rows.append(employer)
        db.session.flush()
        self.count("employers", len(rows))
        return rows

    def employees(self, employers: list[Employer], case_managers: list[User]) -> None:
        template = _one(TrajectoryTemplate, "Inzet interventie")
        programmes = list(db.session.scalars(sa.select(Programme).order_by(Programme.id)))
        reasons = {
            r.outcome: r
            for r in db.session.scalars(
                sa.select(EndReason).where(
                    EndReason.name.in_(
                        [
                            "Interventie succesvol afgerond",
                            "Interventie niet succesvol afgerond",
                            "Traject gestopt i.v.m. geen akkoord op offerte",
                        ]
                    )
                )
            )
        }
        n = 0
        for e_index, employer in enumerate(employers):
            for k in range(13 if e_index < 3 else 11):
                n += 1
                prefix, last = LAST_NAMES[(n * 7) % len(LAST_NAMES)]
                postcode, city = CITIES[n % len(CITIES)]
                employee = Employee(
                    employer=employer,
                    personnel_number=f"{1000 + n}",
                    bsn=_bsn(self.rng),
                    first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                    name_prefix=prefix,
                    last_name=last,
                    birth_date=dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28),
                    postcode=postcode,
                    city=city,
                    email=f"werknemer{n}@example.nl",
                    daily_wage=Decimal(150 + (n * 13) % 150).quantize(Decimal("0.01")),
                    sector=SECTORS[e_index % len(SECTORS)],
                    case_manager=case_managers[n % len(case_managers)],
                    client_weight=list(ClientWeight)[n % 3],
                    last_contact_on=self.today - dt.timedelta(days=(n * 5) % 50),
                    created_at=self.now,
                )
                db.session.add(employee)
                self.count("employees")
                if k >= 8:
                    continue  # not every employee is ill
                first_day = self.today - dt.timedelta(days=20 + n * 9)
                report = SickReport(
                    employee=employee,
                    first_sick_day=first_day,
                    percentage=Decimal("100") if n % 3 else Decimal("50"),
                    target_rtw_date=first_day + dt.timedelta(days=120),
                    reported_at=self.now,
                )
                db.session.add(report)
                self.count("sick reports")
                if e_index < 3 and k < 6 and template is not None and programmes:
                    state = STATES[self.started % len(STATES)]
                    self.started += 1
                    self.trajectory(
                        employee, report, template, programmes[n % len(programmes)], reasons, state
                    )
        db.session.flush()

    def trajectory(
        self,
        employee: Employee,
        report: SickReport,
        template: TrajectoryTemplate,
        programme: Programme,
        reasons: dict[Outcome, EndReason],
        state: tuple[int, str | None],
    ) -> None:
        done, ending = state
        started = max(
            report.first_sick_day + dt.timedelta(days=14), self.today - dt.timedelta(days=60 + done * 30)
        )
        agreement = next((a for a in employee.employer.agreements), None)
        trajectory = Trajectory(
            template=template,
            employee=employee,
            sick_report=report,
            started_on=started,
            case_manager=employee.case_manager,
            service_variation=agreement.variation if agreement else None,
            policy=employee.employer.policies[0] if employee.employer.policies else None,
            created_at=self.now,
        )
        db.session.add(trajectory)
        tasks = {t.key: t for t in template.task_templates}
        day = started
        for index, key in enumerate(["T1", "T2", "T3", "T4", "T5", "T6", "T7"]):
            task_template = tasks[key]
            due = day + dt.timedelta(days=task_template.due_offset_days)
            task = Task(
                trajectory=trajectory,
                task_template=task_template,
                key=key,
                name=task_template.name,
                kind=task_template.kind,
                due_date=due,
                assignee=employee.case_manager,
                created_at=self.now,
            )
            db.session.add(task)
            if index >= done:
                break  # the open task the trajectory waits on
            completed = min(due + dt.timedelta(days=1), self.today)
            task.status = TaskStatus.DONE
            task.completed_at = dt.datetime.combine(completed, dt.time(10, 0))
            task.completed_by = employee.case_manager
            task.result = self.result_for(key, programme, ending)
            day = completed
            if key == "T2":
                trajectory.programme = programme
            if key == "T3":
                self.cost_benefit(trajectory, employee, programme)
            if key == "T4" and ending == "rejected":
                self.close(trajectory, reasons[Outcome.NO_APPROVAL], day)
                self.count("trajectories")
                return
            if key == "T5":
                db.session.add(
                    Intervention(
                        trajectory=trajectory,
                        programme=programme,
                        price=programme.price,
                        started_on=day,
                        prognosis_end=day + dt.timedelta(weeks=programme.duration_weeks),
                    )
                )
        if ending in ("success", "not_successful"):
            reason = reasons[Outcome.SUCCESS if ending == "success" else Outcome.NOT_SUCCESSFUL]
            for intervention in trajectory.interventions:
                intervention.actual_end, intervention.end_reason = day, reason
            self.close(trajectory, reason, day)
        db.session.add(
            Note(
                employee=employee,
                trajectory=trajectory,
                author=employee.case_manager,
                text="Telefonisch contact gehad; werknemer staat open voor een interventie.",
                created_at=self.now,
            )
        )
        self.count("trajectories")

    def close(self, trajectory: Trajectory, reason: EndReason, day: dt.date) -> None:
        trajectory.status, trajectory.closed_on, trajectory.end_reason = TrajectoryStatus.CLOSED, day, reason

    def result_for(self, key: str, programme: Programme, ending: str | None) -> dict[str, Any]:
        return {
            "T1": {"remark": "Verzuimmelding en polis gekoppeld."},
            "T2": {"programme_id": programme.id},
            "T3": {"remark": "Kosten/baten-analyse vastgelegd."},
            "T4": {"approval": "rejected" if ending == "rejected" else "accepted", "remark": ""},
            "T5": {"remark": "Bevestiging verstuurd."},
            "T6": {"received_on": self.today.isoformat(), "remark": "Voortgang volgens plan."},
            "T7": {
                "received_on": self.today.isoformat(),
                "conclusion": "not_successful" if ending == "not_successful" else "success",
            },
        }[key]

    def cost_benefit(self, trajectory: Trajectory, employee: Employee, programme: Programme) -> None:
        reduction, dossier = Decimal("20"), Decimal("250.00")
        gross = (reduction * employee.daily_wage).quantize(Decimal("0.01"))
        cost = programme.price + dossier
        db.session.add(
            CostBenefit(
                trajectory=trajectory,
                reduction_days=reduction,
                dossier_cost=dossier,
                daily_wage=employee.daily_wage,
                programme_price=programme.price,
                gross_benefit=gross,
                cost=cost,
                net_benefit=gross - cost,
                ratio=(gross / cost).quantize(Decimal("0.01")),
                expected_benefit_computed=gross - cost,
                computed_at=self.now,
            )
        )


def load_demo(now: dt.datetime) -> DemoResult:
    """Add the demo data set once (flushes; the caller commits)."""
    if db.session.scalar(sa.select(SeedRecord.id).where(SeedRecord.kind == "demo")):
        return DemoResult(already_present=True)
    result = _Demo(now).load()
    db.session.add(SeedRecord(kind="demo", key="v1", loaded_at=now))
    log(SYSTEM, now, "demo.loaded", "Demogegevens toegevoegd", details=result.created)
    db.session.flush()
    return result
