"""Documents: merge fields, sandboxed HTML in the label's house style, PDF, storing with the trajectory."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.documents import (
    demo_fields,
    generate_document,
    merge_fields,
    preview,
    render_html,
    render_pdf,
    validate_template_body,
)
from casework.errors import Invalid
from casework.logbook import Actor
from casework.seeddata import DOCUMENT_TEMPLATES
from models import (
    Category,
    CostBenefit,
    Document,
    DocumentTemplate,
    EndGoal,
    Intervention,
    Label,
    LogEntry,
    Provider,
    Task,
    TaskKind,
    TaskStatus,
    TaskTemplate,
    Trajectory,
    TrajectoryTemplate,
)

D = Decimal
BSN = "111222333"  # passes the 11-proef
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c0392b"/></svg>'
EVERY_FIELD = "\n".join(
    f"<p>{group}.{name}: {{{{ {group}.{name} }}}}</p>"
    if isinstance(values, dict)
    else f"<p>{group}: {{{{ {group} }}}}</p>"
    for group, values in demo_fields(dt.date(2026, 1, 1)).items()
    for name in (values if isinstance(values, dict) else [None])
)


@pytest.fixture
def label(db) -> Label:
    """A label with its own house style, letterhead, footer and logo."""
    label = Label(
        name="Zorgvuldig Verzuim",
        colour_primary="#8a1538",
        colour_secondary="#fbe9ee",
        font_family="DejaVu Serif, serif",
        letterhead="Zorgvuldig Verzuim B.V.\nPostbus 12, Utrecht",
        footer="KvK 12345678 · www.zorgvuldig.example",
        logo=LOGO,
        logo_mime_type="image/svg+xml",
    )
    db.session.add(label)
    db.session.flush()
    return label


@pytest.fixture
def trajectory(db, label, create_employer, create_employee, casemanager, create_programme) -> Trajectory:
    """A trajectory with everything captured: programme, cost/benefit, an accepted approval, an intervention."""
    employer = create_employer(
        name="Bakkerij Koster B.V.", address="Dorpsstraat 1", postcode="1234 AB", city="Amersfoort"
    )
    employer.label = label
    employee = create_employee(
        employer,
        first_name="Fleur",
        name_prefix="van",
        last_name="Dam",
        bsn=BSN,
        birth_date=dt.date(1985, 6, 14),
        personnel_number="P-77",
        case_manager=casemanager,
    )
    provider = Provider(name="Werkfit Coaching", contact_name="Joost Bakker", email="joost@werkfit.example")
    programme = create_programme(
        name="Coaching naar werk",
        provider=provider,
        price="1850.00",
        duration_weeks=8,
        description="Acht gesprekken met een loopbaancoach.",
    )
    template = db.session.scalars(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    ).one()
    category = db.session.scalars(sa.select(Category).where(Category.name == "Werktijden")).one()
    end_goal = db.session.scalars(sa.select(EndGoal).where(EndGoal.name == "Werkhervatting eigen werk")).one()
    approval = db.session.scalars(
        sa.select(TaskTemplate).where(
            TaskTemplate.template == template,
            TaskTemplate.kind == TaskKind.APPROVAL,
            TaskTemplate.key == "T4",
        )
    ).one()
    trajectory = Trajectory(
        template=template,
        employee=employee,
        case_manager=casemanager,
        started_on=dt.date(2026, 2, 2),
        programme=programme,
        category=category,
        end_goal=end_goal,
    )
    db.session.add(trajectory)
    trajectory.cost_benefit = CostBenefit(
        reduction_days=D("20.0"),
        dossier_cost=D("300.00"),
        daily_wage=D("215.50"),
        programme_price=D("1850.00"),
        gross_benefit=D("4310.00"),
        cost=D("2150.00"),
        net_benefit=D("2160.00"),
        ratio=D("2.00"),
        expected_benefit_computed=D("2160.00"),
        expected_benefit_override=D("2000.00"),
    )
    db.session.add(
        Task(
            trajectory=trajectory,
            task_template=approval,
            key=approval.key,
            name=approval.name,
            kind=TaskKind.APPROVAL,
            status=TaskStatus.DONE,
            due_date=dt.date(2026, 2, 16),
            completed_at=dt.datetime(2026, 2, 20, 10),
            result={"approval": "accepted", "remark": "Graag snel starten.", "decided_on": "2026-02-20"},
        )
    )
    db.session.add(
        Intervention(
            trajectory=trajectory,
            programme=programme,
            price=D("1850.00"),
            started_on=dt.date(2026, 3, 2),
            prognosis_end=dt.date(2026, 4, 27),
        )
    )
    db.session.add(trajectory)
    db.session.flush()
    db.session.expire(trajectory)
    return trajectory


def template(body: str, **fields: object) -> DocumentTemplate:
    """A document template (not stored)."""
    return DocumentTemplate(
        name=fields.pop("name", "Proef"),
        body=body,
        subject=fields.pop("subject", ""),
        use_house_style=fields.pop("use_house_style", True),
        **fields,
    )


def seed_templates(db) -> list[DocumentTemplate]:
    """The three trajectory document templates the seed configuration loaded (the consult letters apart)."""
    consult_letters = ("Uitnodiging gesprek", "Verslag gesprek")
    return list(
        db.session.scalars(
            sa.select(DocumentTemplate)
            .where(DocumentTemplate.name.not_in(consult_letters))
            .order_by(DocumentTemplate.position)
        )
    )


def test_every_merge_field_is_filled_in_dutch(trajectory, now) -> None:
    fields = merge_fields(trajectory, today=dt.date(2026, 3, 2))
    assert fields.keys() == demo_fields(dt.date(2026, 3, 2)).keys()
    assert {k: v.keys() for k, v in fields.items() if isinstance(v, dict)} == {
        k: v.keys() for k, v in demo_fields(dt.date(2026, 3, 2)).items() if isinstance(v, dict)
    }
    html = render_html(template(EVERY_FIELD), fields, trajectory.employee.employer.label)
    assert "{{" not in html
    for line in EVERY_FIELD.splitlines():
        field = line[3 : line.index(":")]
        # a new link is made only when a document is generated; consult fields belong to a consult's letters
        if field.startswith(("upload.", "consult.")):
            assert f"<p>{field}: </p>" in html
            continue
        assert f"<p>{field}: </p>" not in html, f"{field} is empty"
    for expected in [
        "today: 02-03-2026",
        "label.name: Zorgvuldig Verzuim",
        "employer.name: Bakkerij Koster B.V.",
        "employer.address: Dorpsstraat 1",
        "employer.postcode: 1234 AB",
        "employer.city: Amersfoort",
        "employee.full_name: Fleur van Dam",
        "employee.personnel_number: P-77",
        "employee.birth_date: 14-06-1985",
        "case_manager.name: Sanne de Wit",
        "trajectory.started_on: 02-02-2026",
        "trajectory.category: Werktijden",
        "trajectory.end_goal: Werkhervatting eigen werk",
        "programme.name: Coaching naar werk",
        "programme.duration_weeks: 8",
        "programme.price: € 1.850,00",
        "provider.name: Werkfit Coaching",
        "provider.contact_name: Joost Bakker",
        "provider.email: joost@werkfit.example",
        "cost_benefit.reduction_days: 20",
        "cost_benefit.daily_wage: € 215,50",
        "cost_benefit.dossier_cost: € 300,00",
        "cost_benefit.gross_benefit: € 4.310,00",
        "cost_benefit.cost: € 2.150,00",
        "cost_benefit.net_benefit: € 2.160,00",
        "cost_benefit.ratio: 2,00",
        "cost_benefit.expected_benefit: € 2.000,00",
        "approval.decided_on: 20-02-2026",
        "approval.remark: Graag snel starten.",
        "approval.result: Akkoord",
        "intervention.started_on: 02-03-2026",
        "intervention.prognosis_end: 27-04-2026",
    ]:
        assert f"<p>{expected}</p>" in html


def test_unknown_values_are_empty_strings(db, create_employee) -> None:
    template_ = db.session.scalars(sa.select(TrajectoryTemplate)).first()
    bare = Trajectory(template=template_, employee=create_employee(), started_on=dt.date(2026, 2, 2))
    db.session.add(bare)
    db.session.flush()
    fields = merge_fields(bare, today=dt.date(2026, 3, 2))
    assert fields["programme"] == {
        "name": "",
        "description": "",
        "duration_weeks": "",
        "price": "",
        "catalogue_price": "",
    }
    assert fields["approval"] == {"decided_on": "", "remark": "", "result": ""}
    assert fields["cost_benefit"]["net_benefit"] == "" and fields["intervention"]["started_on"] == ""


def test_each_seed_template_renders_and_is_stored_with_a_pdf(db, trajectory, casemanager, now) -> None:
    templates = seed_templates(db)
    assert len(templates) == 3
    for document_template in templates:
        document = generate_document(trajectory, document_template, actor=Actor(casemanager), now=now)
        assert "{{" not in document.html and "{%" not in document.html
        assert "Fleur van Dam" in document.html and "Coaching naar werk" in document.html
        assert document.title.endswith("– Fleur van Dam")
        assert document.pdf.startswith(b"%PDF") and len(document.pdf) > 5000
    stored = db.session.scalars(sa.select(Document).where(Document.trajectory_id == trajectory.id)).all()
    assert [d.title for d in stored] == [
        "Offerte inzet interventie Coaching naar werk – Fleur van Dam",
        "Opdrachtbevestiging Coaching naar werk – Fleur van Dam",
        "Geen inzet interventie – Fleur van Dam",
    ]
    assert {d.created_by_id for d in stored} == {casemanager.id}
    quote = stored[0].html
    assert "€ 4.310,00" in quote and "€ 2.000,00" in quote and "20 dagen" in quote
    assert "20-02-2026" in stored[1].html  # approval date in the confirmation letter
    assert "Graag snel starten." in stored[2].html


def test_generating_logs_and_links_the_task(db, trajectory, casemanager, now) -> None:
    task = trajectory.tasks[0]
    document = generate_document(
        trajectory, seed_templates(db)[0], actor=Actor(casemanager), now=now, task=task
    )
    assert document.task_id == task.id and document.created_at == now
    entry = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "document.generated")).one()
    assert (entry.employee_id, entry.trajectory_id, entry.actor_id) == (
        trajectory.employee_id,
        trajectory.id,
        casemanager.id,
    )
    assert entry.subject_type == "documents" and entry.subject_id == document.id


def test_pdf_is_a_real_pdf_of_some_size(trajectory) -> None:
    html = render_html(template(EVERY_FIELD), merge_fields(trajectory, today=dt.date(2026, 3, 2)), None)
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_rendering_a_pdf_fetches_nothing_from_the_network() -> None:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = (
            f'<html><head><link rel="stylesheet" href="{url}/style.css"></head>'
            f'<body><img src="{url}/logo.png"><p style="background: url({url}/bg.png)">Tekst</p></body></html>'
        )
        assert render_pdf(html).startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert requests == []


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ employee.full_name.__class__.__mro__ }}",
        "{{ programme.name.__init__.__globals__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_the_sandbox_refuses_reaching_into_python(body: str) -> None:
    with pytest.raises(Invalid) as refused:
        render_html(template(body), demo_fields(dt.date(2026, 3, 2)), None)
    assert refused.value.errors["body"].startswith("Niet toegestaan in een sjabloon")
    with pytest.raises(Invalid):
        validate_template_body(body)


def test_generating_from_a_template_breaking_a_limit_fails_clearly_and_stores_nothing(
    db, trajectory, casemanager, now
) -> None:
    greedy = template("{% for a in range(9999) %}{% for b in range(9999) %}{{ a }}{% endfor %}{% endfor %}")
    db.session.add(greedy)
    db.session.flush()
    with pytest.raises(Invalid) as refused:
        generate_document(trajectory, greedy, actor=Actor(casemanager), now=now)
    assert refused.value.errors["body"] == (
        "Het sjabloon gaat over een grens: het sjabloon maakt meer dan 200.000 tekens tekst."
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0
    with pytest.raises(Invalid) as refused:
        validate_template_body("{{ 'x' * 10000000 }}")
    assert "te lange tekst" in refused.value.errors["body"]


def test_merge_values_are_escaped(trajectory) -> None:
    trajectory.employee.first_name = "<script>alert(1)</script>"
    html = render_html(
        template("<p>{{ employee.full_name }}</p>"), merge_fields(trajectory, today=dt.date(2026, 3, 2)), None
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; van Dam" in html
    assert "<script>" not in html


def test_unknown_merge_field_names_the_body() -> None:
    with pytest.raises(Invalid) as refused:
        render_html(template("<p>{{ xyz }}</p>"), demo_fields(dt.date(2026, 3, 2)), None)
    assert refused.value.errors == {"body": "Onbekend samenvoegveld: xyz"}
    with pytest.raises(Invalid) as refused:
        validate_template_body("{% if employee.shoe_size %}{{ employee.shoe_size }}{% endif %}")
    assert refused.value.errors == {"body": "Onbekend samenvoegveld: employee.shoe_size"}
    with pytest.raises(Invalid) as refused:
        validate_template_body("{{ foo }} {{ bar.baz }}", field="subject")
    assert refused.value.errors == {"subject": "Onbekende samenvoegvelden: foo, bar"}


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(Invalid) as refused:
        validate_template_body("<p>Beste {{ employee.full_name }},</p>\n<p>{% if approval.remark %}</p>")
    assert refused.value.errors["body"].startswith("Fout in het sjabloon op regel 2:")


def test_a_valid_template_with_loops_and_variables_passes() -> None:
    validate_template_body(
        "{% set naam = employee.full_name %}{% for x in [1, 2] %}{{ loop.index }} {{ naam|upper }}{% endfor %}"
        "{{ employee['personnel_number'] }}"
    )
    for item in DOCUMENT_TEMPLATES:
        validate_template_body(item["body"])
        validate_template_body(item["subject"], field="subject")


def test_house_style_of_the_label(label) -> None:
    html = render_html(
        template("<h1>Offerte</h1>", subject="Offerte {{ employee.full_name }}"),
        demo_fields(dt.date(2026, 3, 2)),
        label,
    )
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<title>Offerte Anna de Vries</title>" in html
    assert "#8a1538" in html and "#fbe9ee" in html and "font-family: DejaVu Serif, serif" in html
    assert "Zorgvuldig Verzuim B.V.<br>\nPostbus 12, Utrecht" in html
    assert html.index("Zorgvuldig Verzuim B.V.") < html.index("<h1>Offerte</h1>") < html.index("KvK 12345678")
    assert 'src="data:image/svg+xml;base64,' in html


def test_house_style_values_cannot_break_out_of_the_style(label) -> None:
    label.font_family = "Arial</style><script>x()</script>"
    label.letterhead = "<b>Briefhoofd</b>"
    html = render_html(template("<p>Tekst</p>"), demo_fields(dt.date(2026, 3, 2)), label)
    assert "<script>" not in html and "</style><" not in html.replace("</style></head>", "")
    assert "&lt;b&gt;Briefhoofd&lt;/b&gt;" in html


def test_own_style_instead_of_the_house_style(label) -> None:
    own = template("<h1>Brief</h1>", use_house_style=False, own_style="h1 { color: #123456; }")
    html = render_html(own, demo_fields(dt.date(2026, 3, 2)), label)
    assert "h1 { color: #123456; }" in html
    assert "#8a1538" not in html and "Zorgvuldig Verzuim B.V." not in html and "KvK 12345678" not in html
    sneaky = template("<p>x</p>", use_house_style=False, own_style="</style><script>alert(1)</script>")
    assert "<script>" not in render_html(sneaky, demo_fields(dt.date(2026, 3, 2)), label)


def test_bsn_never_appears(db, trajectory, casemanager, now) -> None:
    assert trajectory.employee.bsn == BSN
    fields = merge_fields(trajectory, today=dt.date(2026, 3, 2))
    assert BSN not in repr(fields)
    for document_template in seed_templates(db):
        assert (
            BSN
            not in generate_document(trajectory, document_template, actor=Actor(casemanager), now=now).html
        )
    with pytest.raises(Invalid) as refused:
        render_html(template("{{ employee.bsn }}"), fields, None)
    assert refused.value.errors == {"body": "Onbekend samenvoegveld: employee.bsn"}


def test_preview_uses_the_fictional_dossier(label) -> None:
    quote = DOCUMENT_TEMPLATES[0]
    html = preview(template(quote["body"], subject=quote["subject"]), label, today=dt.date(2026, 3, 2))
    assert "Anna de Vries" in html and "Datum: 02-03-2026" in html and "#8a1538" in html
    assert "Casemanager<br>\nZorgvuldig Verzuim</p>" in html  # the label previewed signs the letter
