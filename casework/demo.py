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
    Category,
    Characteristic,
    ClientWeight,
    Consult,
    ConsultType,
    Employee,
    Employer,
    EndGoal,
    EndReason,
    InsuranceProduct,
    Label,
    Location,
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
    SickReportEndReason,
    SickReportPercentage,
    TaskStatus,
    TrajectoryTemplate,
    User,
    db,
)

from . import seeddata
from .accounts import hash_password
from .agreements import allowed_templates
from .bsn import WEIGHTS
from .calendar import local_day
from .contacts import add_contact
from .demo_absence import add_workforces, brief_absence
from .errors import Invalid
from .logbook import SYSTEM, Actor, log
from .notes import add_note
from .timeline import refresh_open_steps

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


def is_spoor_2(programme: Programme) -> bool:
    """A programme marked as spoor 2 (Programme.spoor_2)."""
    return programme.spoor_2


@dataclass
class DemoResult:
    """What was added, and the logins to print."""

    created: dict[str, int] = field(default_factory=dict)
    already_present: bool = False

    def summary(self) -> str:
        """What to print after loading."""
        head = (
            "Demodata: al aanwezig, niets toegevoegd."
            if self.already_present
            else "Demodata: toegevoegd "
            + ", ".join(f"{n} {DEMO_WORDS.get(k, k)}" for k, n in self.created.items())
            + "."
        )
        logins = "\n".join(
            f"  {ROLE_WORDS[role]:<22} {email}  wachtwoord: {pw}" for email, _, role, _, pw in DEMO_USERS
        )
        return (
            f"{head}\nDemo-aanmeldingen (wijzig of verwijder ze buiten een demo):\n{logins}\n"
            "  De functioneel beheerder stelt bij de eerste aanmelding een authenticator-app in (tweede stap)\n"
            "  (TRAJECT_REQUIRE_TOTP=admin; =none zet dat uit, voor een demo op een vertrouwde machine)."
        )


# What the demo added, as the CLI names it.
DEMO_WORDS = {
    "users": "gebruikers",
    "programmes": "programma's",
    "providers": "aanbieders",
    "employers": "werkgevers",
    "employees": "werknemers",
    "sick reports": "verzuimmeldingen",
    "trajectories": "trajecten",
    "closed (success)": "gesloten (succesvol)",
    "closed (not_successful)": "gesloten (niet succesvol)",
    "closed (rejected)": "gesloten (geen akkoord)",
    "closed (erroneous)": "gesloten (foutief opgevoerd)",
    "sick reports ended": "verzuimmeldingen beëindigd",
    "availabilities": "beschikbaarheden",
    "consults": "gesprekken",
    "tasks": "eigen taken",
}
DEMO_OFFICE = "Kantoor Utrecht"
ROLE_WORDS = {Role.ADMIN: "functioneel beheerder", Role.CASEMANAGER: "casemanager"}


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(w * d for w, d in zip(WEIGHTS[:8], digits, strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


# Contract hours per week of the demo employees, in turn: full-time, part-time, a 36-hour week.
CONTRACT_HOURS = (Decimal("38"), Decimal("32"), Decimal("24"), Decimal("36"), Decimal("40"), Decimal("20"))


def _one(model: type, name: str) -> Any:
    return db.session.scalar(sa.select(model).where(model.name == name))


class _Demo:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.today = local_day(now)
        self.rng = random.Random(2026)  # noqa: S311  (reproducible demo data, not a secret)
        self.result = DemoResult()
        self.started = 0  # trajectories made so far: each next one takes the next state

    def count(self, kind: str, n: int = 1) -> None:
        self.result.created[kind] = self.result.created.get(kind, 0) + n

    def load(self) -> DemoResult:
        users = self.users()
        self.providers()
        employers = self.employers()
        self.employees(employers, users[1:])
        self.agenda(users[1:])
        return self.result

    def agenda(self, case_managers: list[User]) -> None:
        """An office, each case manager available there on weekdays for the next three months, and two consults
        each: one planned in the first free slot, one waiting in the planning tray."""
        from .agenda import add_availability, free_slots
        from .agenda_patterns import to_local
        from .consults import create_consult, plan_consult

        office = _one(Location, DEMO_OFFICE)
        if office is None:
            office = Location(name=DEMO_OFFICE, description="Spreekkamers op de eerste verdieping.")
            db.session.add(office)
            db.session.flush()
        types = db.session.scalars(
            sa.select(ConsultType)
            .where(ConsultType.active.is_(True))
            .order_by(ConsultType.position, ConsultType.id)
        ).all()
        for manager in case_managers:
            actor = Actor(manager)
            add_availability(
                {
                    "user_id": manager.id,
                    "location_id": office.id,
                    "recurrence": "wekelijks",
                    "frequency": 1,
                    "weekdays": "ma,di,wo,do,vr",
                    "date_from": self.today,
                    "date_until": self.today + dt.timedelta(days=91),
                    "start_time": "09:00",
                    "end_time": "17:00",
                },
                actor=actor,
                now=self.now,
            )
            self.count("availabilities")
            employees = db.session.scalars(
                sa.select(Employee)
                .where(Employee.case_manager_id == manager.id)
                .order_by(Employee.id)
                .limit(6)
            ).all()
            made: list[Consult] = []
            for employee in employees:
                if len(made) == 2:
                    break
                for consult_type in types:
                    try:
                        made.append(
                            create_consult(
                                employee, {"consult_type_id": consult_type.id}, actor=actor, now=self.now
                            )
                        )
                    except Invalid:  # not a consult type this employer's agreements allow
                        continue
                    self.count("consults")
                    break
            if made:
                first = made[0]
                slots = free_slots(
                    manager,
                    self.today + dt.timedelta(days=1),
                    self.today + dt.timedelta(days=14),
                    first.consult_type.duration_minutes,
                    now=self.now,
                    limit=1,
                )
                if slots:
                    start = to_local(slots[0].start)
                    plan_consult(first, {"starts_at": f"{start:%d-%m-%Y %H:%M}"}, actor=actor, now=self.now)
            self.own_tasks(manager, employees[0] if employees else None)

    def own_tasks(self, manager: User, employee: Employee | None) -> None:
        """Three tasks of the case manager's own (seed 004): one about a client, overdue; one for the team meeting,
        promoted into the agenda in the first free hour after tomorrow; one done, kept for accountability."""
        from .agenda import free_slots
        from .agenda_patterns import to_local
        from .agenda_tasks import complete_task, create_task, promote_task

        actor = Actor(manager)
        day = dt.timedelta(days=1)
        create_task(
            {
                "title": "Werkgever terugbellen over aangepast werk",
                "employee_id": employee.id if employee else None,
                "due_date": self.today - day,
                "remark": "Vraagt naar de mogelijkheden van halve dagen.",
            },
            actor=actor,
            now=self.now,
        )
        meeting = create_task(
            {"title": "Teamoverleg voorbereiden", "due_date": self.today + 3 * day}, actor=actor, now=self.now
        )
        slots = free_slots(manager, self.today + 2 * day, self.today + 14 * day, 60, now=self.now, limit=1)
        if slots:
            start, end = to_local(slots[0].start), to_local(slots[0].end)
            promote_task(
                meeting,
                {"date": start.date(), "start_time": f"{start:%H:%M}", "end_time": f"{end:%H:%M}"},
                actor=actor,
                now=self.now,
            )
        done = create_task({"title": "Verzuimcijfers aan de teamleider sturen"}, actor=actor, now=self.now)
        complete_task(done, actor=actor, now=self.now)
        self.count("tasks", 3)

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
                        spoor_2=any(n.lower().startswith("spoor 2") for n in prog["characteristics"]),
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
            # stacking: a second service taken later, of another service type (variations of one type
            # exclude each other, seed 001)
            other = [
                v for v in variations if v.service_type_id != variations[i % len(variations)].service_type_id
            ]
            if i == 0 and other:
                db.session.add(
                    ServiceAgreement(
                        employer=employer,
                        variation=other[0],
                        start_date=self.today - dt.timedelta(days=90),
                    )
                )
            rows.append(employer)
        add_workforces(rows, self.today)
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
                employee = Employee(
                    employer=employer,
                    **self.person(n),
                    sector=SECTORS[e_index % len(SECTORS)],
                    case_manager=case_managers[n % len(case_managers)],
                    client_weight=list(ClientWeight)[n % 3],
                    # assessed 0-119 days ago: some are over 3 months old, so "Cliëntzwaarte verouderd" shows
                    client_weight_assessed_on=self.today - dt.timedelta(days=(n * 17) % 120),
                    last_contact_on=self.today - dt.timedelta(days=(n * 5) % 50),
                    # Dienstverband for the absence figures: a few joined this year, one left, one has no
                    # contract hours recorded (counted as full-time).
                    employment_start=self.today
                    - dt.timedelta(days=9 * n + 60 if n % 10 == 0 and k < 8 else 800 + n * 37),
                    employment_end=self.today - dt.timedelta(days=45) if n == 23 else None,
                    contract_hours=None if n == 5 else CONTRACT_HOURS[n % len(CONTRACT_HOURS)],
                    created_at=self.now,
                )
                db.session.add(employee)
                self.count("employees")
                if k >= 8:
                    self.past_absence(employee, k)
                    continue  # not every employee is ill now
                first_day = self.today - dt.timedelta(days=20 + n * 9)
                report = SickReport(
                    employee=employee,
                    first_sick_day=first_day,
                    percentage=Decimal("100") if n % 3 else Decimal("50"),
                    target_rtw_date=first_day + dt.timedelta(days=120),
                    reported_at=self.now,
                )
                db.session.add(report)
                refresh_open_steps(employee)
                self.count("sick reports")
                if e_index < 3 and k < 6 and template is not None and programmes:
                    db.session.flush()
                    state = STATES[self.started % len(STATES)]
                    self.started += 1
                    self.trajectory(employee, report, template, programmes, reasons, state)
                else:
                    self.end_without_trajectory(report, n)
        numbers = iter(range(n + 1, n + 1000))
        brief_absence(
            self,
            employers,
            lambda employer, hours: self.plain_employee(employer, next(numbers), hours, case_managers),
            _one(SickReportEndReason, "Hersteld eigen werk"),
        )
        db.session.flush()

    def person(self, n: int) -> dict[str, Any]:
        """The personal details of demo employee number `n`: name, BSN, birth date, address, daily wage."""
        prefix, last = LAST_NAMES[(n * 7) % len(LAST_NAMES)]
        postcode, city = CITIES[n % len(CITIES)]
        return {
            "personnel_number": f"{1000 + n}",
            "bsn": _bsn(self.rng),
            "first_name": FIRST_NAMES[n % len(FIRST_NAMES)],
            "name_prefix": prefix,
            "last_name": last,
            "birth_date": dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28),
            "postcode": postcode,
            "city": city,
            "email": f"werknemer{n}@example.nl",
            "daily_wage": Decimal(150 + (n * 13) % 150).quantize(Decimal("0.01")),
        }

    def plain_employee(
        self, employer: Employer, n: int, hours: Decimal, case_managers: list[User]
    ) -> Employee:
        """An employee long in service and not ill now (their short absence is added by the caller)."""
        employee = Employee(
            employer=employer,
            **self.person(n),
            sector=SECTORS[[row[0] for row in EMPLOYERS].index(employer.name) % len(SECTORS)],
            case_manager=case_managers[n % len(case_managers)],
            client_weight=ClientWeight.LOW,
            client_weight_assessed_on=self.today - dt.timedelta(days=n % 30),
            last_contact_on=self.today - dt.timedelta(days=n % 20),
            employment_start=self.today - dt.timedelta(days=900 + n * 11),
            contract_hours=hours,
            created_at=self.now,
        )
        db.session.add(employee)
        self.count("employees")
        return employee

    def end_sick_report(self, report: SickReport, day: dt.date, reason: str, *, recovered: bool) -> None:
        """End a sick report through the engine (hersteldmelding or closing) with a seeded end reason, so the
        outcome report's sick-report figures have cases (no later than today)."""
        from .registration import close_sick_report, recover

        day = min(max(day, report.first_sick_day), self.today)
        actor = Actor(report.employee.case_manager)
        if recovered:
            recover(report, recovery_date=day, end_reason=reason, actor=actor, now=self.now)
        else:
            close_sick_report(report, closed_on=day, end_reason=reason, actor=actor, now=self.now)
        self.count("sick reports ended")

    def end_without_trajectory(self, report: SickReport, n: int) -> None:
        """Some sick reports without a trajectory end too: back at work, out of employment, or entered in error."""
        first = report.first_sick_day
        if n % 5 == 1:
            self.end_sick_report(report, first + dt.timedelta(days=12), "Hersteld eigen werk", recovered=True)
        elif n % 5 == 2:
            self.end_sick_report(report, first + dt.timedelta(days=45), "Uit dienst", recovered=False)
        elif n % 5 == 3 and n % 2:
            self.end_sick_report(report, first + dt.timedelta(days=1), "Foutief opgevoerd", recovered=False)

    def past_absence(self, employee: Employee, k: int) -> None:
        """Ended sick reports of several durations in the last year (some before it), so every absence figure
        (casework.absence_figures) has something to count: short, medium, long and extra-long absence, a partial
        recovery, and one employee with three reports in twelve months (frequent verzuim)."""
        reason = _one(SickReportEndReason, "Hersteld eigen werk")
        # (days before today of the first sick day, duration in days, day of a partial recovery to 50% or None)
        spells = {
            8: ((300, 3, None), (150, 5, None), (40, 2, None)),  # frequent: 3 short reports in 12 months
            9: ((200, 30, 14),),  # middellang, with gedeeltelijk herstel
            10: ((330, 120, 60),),  # lang
            11: ((700, 400, 200),),  # extra lang: ended about 300 days ago
            12: ((60, 8, None), (20, 7, None)),  # the class boundaries: 8 days middellang, 7 days kort
        }[k]
        for before, days, partial in spells:
            first = self.today - dt.timedelta(days=before)
            report = SickReport(
                employee=employee,
                first_sick_day=first,
                percentage=Decimal("50") if partial else Decimal("100"),
                recovery_date=first + dt.timedelta(days=days),
                end_reason=reason,
                reported_at=self.now,
            )
            report.percentages.append(SickReportPercentage(percentage=Decimal("100"), from_date=first))
            if partial:
                report.percentages.append(
                    SickReportPercentage(
                        percentage=Decimal("50"), from_date=first + dt.timedelta(days=partial)
                    )
                )
            db.session.add(report)
            self.count("sick reports")

    def trajectory(
        self,
        employee: Employee,
        report: SickReport,
        template: TrajectoryTemplate,
        programmes: list[Programme],
        reasons: dict[Outcome, EndReason],
        state: tuple[int, str | None],
    ) -> None:
        """Run the real process (casework.process) up to `state`, on dates in the past."""
        from .process import complete_task, start_trajectory

        done, ending = state
        actor = Actor(employee.case_manager)
        allowed = allowed_templates(employee.employer, self.today)
        variation = allowed.variation_for(template)
        fitting = [p for p in programmes if variation is None or variation.service_type in p.service_types]
        # Spoor 2 (another employer) comes after the eerstejaarsevaluatie, never in the first weeks: UWV would
        # question it. The demo's reports are all younger than a year, so it picks spoor-1 programmes only.
        fitting = [p for p in fitting if not is_spoor_2(p)] or fitting
        programme = fitting[self.started % len(fitting)] if fitting else programmes[0]
        finishing = ending in ("success", "not_successful")
        span = (
            14 + (programme.duration_weeks * 7 + 3 if finishing else 0) + (30 if done >= 6 else 0) + 3 * done
        )
        day = max(report.first_sick_day, self.today - dt.timedelta(days=span))
        # The case manager's expected return to work when the programme is chosen: the programme's weeks and some
        # slack after the start. The cost/benefit analysis (T3) records it; the report sets the actual return
        # against it (realised days saved).
        expected = day + dt.timedelta(weeks=programme.duration_weeks, days=12 * (self.started % 5))
        report.target_rtw_date = max(report.target_rtw_date or expected, expected)
        clock = dt.datetime.combine(day, dt.time(9, 30))
        trajectory = start_trajectory(employee, template, actor=actor, now=clock)
        # The first conversation with the employee: mostly within the 11 working days of tijdigheid, one in four
        # later (the outcome report's timeliness is then neither 0 nor 100%).
        talk = day + dt.timedelta(days=3 if self.started % 4 else 25)
        if talk <= self.today:
            add_contact(
                employee,
                {"kind": "telefoon", "with_whom": "werknemer", "day": talk.isoformat(), "text": "Intake."},
                actor=actor,
                now=self.now,
            )
        if done == 0 and self.started == 11:
            # One trajectory started by mistake and closed as such: it counts in no figure, only apart.
            from .process import close_trajectory

            wrong = _one(EndReason, "Foutief opgevoerd")
            close_trajectory(trajectory, wrong, actor=actor, now=min(clock + dt.timedelta(hours=2), self.now))
            self.count("trajectories")
            self.count("closed (erroneous)")
            return
        category = db.session.scalars(sa.select(Category).order_by(Category.position, Category.id)).first()
        end_goal = db.session.scalars(sa.select(EndGoal).order_by(EndGoal.position, EndGoal.id)).first()
        steps: list[tuple[str, dict[str, Any]]] = [
            (
                "T1",
                {
                    "sick_report_id": report.id,
                    "category_id": category.id,
                    "end_goal_id": end_goal.id,
                    "policy_id": employee.employer.policies[0].id if employee.employer.policies else None,
                },
            ),
            ("T2", {"programme_id": programme.id}),
            (
                "T3",
                {
                    "reduction_days": str(15 + 5 * (self.started % 4)),
                    "dossier_cost": "250.00",
                    "daily_wage": str(employee.daily_wage),
                    "programme_price": str(programme.price),
                },
            ),
            (
                "T4",
                {
                    "approval": "rejected" if ending == "rejected" else "accepted",
                    "remark": "Werkgever akkoord per e-mail." if ending != "rejected" else "Te duur.",
                },
            ),
            ("T5", {"remark": "Bevestiging per e-mail verstuurd."}),
            ("T6", {"received_on": None, "remark": "Voortgang volgens plan."}),
            (
                "T7",
                {
                    "received_on": None,
                    "conclusion": "not_successful" if ending == "not_successful" else "success",
                },
            ),
        ]
        if ending == "rejected":
            steps = steps[:4]
        elif finishing:
            steps = [s for s in steps if s[0] != "T6"]
        for key, data in steps[:done] if not finishing else steps:
            task = next(t for t in trajectory.tasks if t.key == key and t.status == TaskStatus.OPEN)
            clock = max(
                clock + dt.timedelta(days=2),
                dt.datetime.combine(task.due_date, dt.time(10, 0))
                if key in ("T6", "T7")
                else clock + dt.timedelta(days=2),
            )
            clock = min(clock, self.now)
            if "received_on" in data:
                data = {**data, "received_on": clock.date().isoformat()}
            complete_task(task, data, actor=actor, now=clock)
        add_note(
            employee,
            "Telefonisch contact gehad; werknemer staat open voor een interventie.",
            actor=actor,
            now=min(clock, self.now),
            trajectory=trajectory,
        )
        self.count("trajectories")
        if ending is not None:
            self.count(f"closed ({ending})")
        closed_on = trajectory.closed_on
        if ending == "success" and closed_on is not None:
            # Back at work after a successful intervention: arbeidsuitstroom, the end goal reached, and a realised
            # saving against the target date recorded with the cost/benefit analysis.
            self.end_sick_report(
                report, closed_on + dt.timedelta(days=5), "Hersteld eigen werk", recovered=True
            )
        elif ending == "not_successful" and closed_on is not None:
            back = closed_on + dt.timedelta(days=20)
            self.end_sick_report(report, back, "Aangepast werk eigen werkgever", recovered=True)


def load_demo(now: dt.datetime) -> DemoResult:
    """Add the demo data set once (flushes; the caller commits)."""
    if db.session.scalar(sa.select(SeedRecord.id).where(SeedRecord.kind == "demo")):
        return DemoResult(already_present=True)
    result = _Demo(now).load()
    db.session.add(SeedRecord(kind="demo", key="v1", loaded_at=now))
    log(SYSTEM, now, "demo.loaded", "Demogegevens toegevoegd", details=result.created)
    db.session.flush()
    return result
