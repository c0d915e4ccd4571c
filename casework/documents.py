"""Documents from templates (SPEC §4): merge fields, sandboxed rendering to HTML in the label's house style, PDF.

A template body is Jinja in a sandbox with autoescaping; every merge field is a pre-formatted Dutch string
(money "€ 1.234,50", dates "23-11-2026", empty when unknown). An unknown merge field, a syntax error or anything
the sandbox refuses is an `Invalid` on "body". The BSN and anything medical are never merge fields.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from decimal import Decimal
from string import Template
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, meta, nodes
from markupsafe import Markup, escape

from models import Document, DocumentTemplate, Label, Task, TaskKind, TaskStatus, Trajectory, db

from . import sandbox
from .calendar import dutch_date, local_day
from .costbenefit import format_euro
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .mandate import default_financier, financier_name

LOGO_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}

# The sandbox (casework/sandbox.py) bounds every rendering in time, memory and output.
_HTML = sandbox.HTML
_TEXT = sandbox.TEXT
_NOT_FIELDS = {"loop", "self", "caller", "varargs", "kwargs"}

_PAGE = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ title }}</title>
<style>{{ css }}</style></head>
<body>
{%- if logo or letterhead %}
<header class="letterhead">{% if logo %}<img class="logo" src="{{ logo }}" alt="{{ label_name }}">{% endif %}
<div class="letterhead-text">{{ letterhead }}</div></header>
{%- endif %}
<main class="document">
{{ body }}
</main>
{%- if footer %}
<footer class="footer">{{ footer }}</footer>
{%- endif %}
</body>
</html>
""")
# The footer runs at the bottom of every PDF page; a browser shows it after the text.
_PAPER = (
    "@page { size: A4; margin: 20mm 20mm 28mm; @bottom-center { content: element(footer); width: 100%; } }\n"
)
_HOUSE_CSS = Template("""html { font-family: $font; font-size: 10.5pt; line-height: 1.45; color: #222222; }
body { margin: 0; }
@media screen { body { max-width: 170mm; margin: 12mm auto; } }
.letterhead { border-bottom: 3px solid $primary; padding-bottom: 8pt; margin-bottom: 18pt; color: $primary;
  font-weight: bold; overflow: hidden; }
.letterhead .logo { float: right; max-height: 48pt; max-width: 160pt; margin-left: 12pt; }
h1, h2, h3 { color: $primary; break-after: avoid; }
tr { break-inside: avoid; }
a { color: $primary; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
th, td { border: 1px solid $secondary; padding: 4pt 6pt; text-align: left; vertical-align: top; }
th { background: $secondary; }
.footer { position: running(footer); border-top: 1px solid $primary; padding-top: 4pt; margin-top: 24pt;
  font-size: 8.5pt; color: #555555; }
""")


def _colour(value: str | None, default: str) -> str:
    return value if value and re.fullmatch(r"#[0-9A-Fa-f]{6}", value) else default


def _house_css(label: Label) -> str:
    """The label's house style as CSS; every value is checked so nothing can break out of the style."""
    font = re.sub(r"[^\w\s,'\"-]", "", label.font_family or "")[:200].strip() or "DejaVu Sans, sans-serif"
    return _PAPER + _HOUSE_CSS.substitute(
        font=font,
        primary=_colour(label.colour_primary, "#1f4e79"),
        secondary=_colour(label.colour_secondary, "#f2f2f2"),
    )


def _logo_uri(label: Label) -> str | None:
    """The label's logo as a data: URI, so neither the browser nor WeasyPrint fetches anything."""
    mime = label.logo_mime_type or "image/png"
    if not label.logo or mime not in LOGO_TYPES:
        return None
    return f"data:{mime};base64,{base64.b64encode(label.logo).decode('ascii')}"


def _number(value: Decimal, places: int) -> str:
    """A Dutch number: 12,50 and 1.234,5."""
    return f"{value:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _latest_approval(trajectory: Trajectory) -> dict[str, Any]:
    """The result of the trajectory's last completed approval task, or {}."""
    done = [
        t
        for t in trajectory.tasks
        if t.kind is TaskKind.APPROVAL and t.status is TaskStatus.DONE and t.result
    ]
    if not done:
        return {}
    return max(done, key=lambda t: (t.completed_at or dt.datetime.min, t.id or 0)).result or {}


def _pick(obj: Any, names: tuple[str, ...], show: Any = str) -> dict[str, str]:
    """Attributes of `obj` shown as strings; empty for a missing object or value."""
    values = {name: getattr(obj, name, None) if obj is not None else None for name in names}
    return {name: "" if value is None else show(value) for name, value in values.items()}


CONSULT_FIELDS = (
    "type",
    "date",
    "weekday",
    "start_time",
    "end_time",
    "duration",
    "location",
    "location_details",
    "with_whom",
    "price",
    "report",
)
_MONEY = ("daily_wage", "dossier_cost", "gross_benefit", "cost", "net_benefit", "expected_benefit")


def merge_fields(trajectory: Trajectory, *, today: dt.date) -> dict[str, Any]:
    """Everything captured in a trajectory's tasks, as the merge fields of a document (Dutch strings)."""
    employee = trajectory.employee
    employer = employee.employer
    intervention = max(trajectory.interventions, key=lambda i: (i.started_on, i.id or 0), default=None)
    programme = trajectory.programme or (intervention.programme if intervention else None)
    figures = trajectory.cost_benefit
    approval = _latest_approval(trajectory)
    return {
        "today": dutch_date(today),
        "label": _pick(employer.label, ("name",)),
        "employer": _pick(employer, ("name", "address", "postcode", "city")),
        "employee": {
            **_pick(employee, ("full_name", "personnel_number")),
            **_pick(employee, ("birth_date",), dutch_date),
        },
        "case_manager": _pick(trajectory.case_manager or employee.case_manager, ("name", "email")),
        "trajectory": {
            **_pick(trajectory, ("started_on",), dutch_date),
            **_pick(trajectory, ("category", "end_goal"), lambda item: item.name),
            "financier": financier_name(
                (intervention.financier if intervention is not None else None)
                or trajectory.financier
                or default_financier(trajectory)
            ),
        },
        "programme": {
            **_pick(programme, ("name", "description", "duration_weeks")),
            **_pick(programme, ("price",), format_euro),
            # the price the case manager entered at the cost/benefit analysis is the one quoted and agreed,
            # so the quote's own table adds up; the catalogue's price stays available beside it
            **({"price": format_euro(figures.programme_price)} if figures is not None else {}),
            "catalogue_price": format_euro(programme.price) if programme is not None else "",
        },
        "provider": _pick(programme.provider if programme else None, ("name", "contact_name", "email")),
        "cost_benefit": {
            **_pick(
                figures,
                ("reduction_days",),
                lambda days: _number(days, 0 if days == days.to_integral_value() else 1),
            ),
            **_pick(figures, _MONEY, format_euro),
            **_pick(figures, ("ratio",), lambda ratio: _number(ratio, 2)),
        },
        "approval": {
            "decided_on": dutch_date(_as_date(approval.get("decided_on"))),
            "remark": str(approval.get("remark") or ""),
            "result": {"accepted": "Akkoord", "rejected": "Geen akkoord"}.get(
                str(approval.get("approval")), ""
            ),
        },
        "intervention": _pick(intervention, ("started_on", "prognosis_end"), dutch_date),
        # filled by generate_document when the template uses it: a new personal link (casework/uploads.py)
        "upload": {"url": "", "expires_on": "", "max_mb": ""},
        # the fields of a consult's letters (casework.consult_letters); empty in a trajectory's documents
        "consult": dict.fromkeys(CONSULT_FIELDS, ""),
    }


def _chain(node: nodes.Node) -> tuple[str, ...] | None:
    """The dotted path of `a.b["c"]`, or None when it does not start at a name."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
        ):
            parts.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name) and node.ctx == "load":
            return (node.name, *reversed(parts))
        else:
            return None


def _unknown_fields(tree: nodes.Template, env: Environment, fields: dict[str, Any]) -> list[str]:
    """The merge fields a parsed template uses that `fields` lacks, in order of appearance."""
    from_context = meta.find_undeclared_variables(tree) - set(env.globals) - _NOT_FIELDS
    unknown: list[str] = []
    for node in tree.find_all((nodes.Name, nodes.Getattr, nodes.Getitem)):
        path = _chain(node)
        if not path or path[0] not in from_context:
            continue
        value: Any = fields
        for depth, part in enumerate(path, 1):
            if not isinstance(value, dict):
                break  # a method of a string value: the sandbox decides at render time
            if part not in value:
                name = ".".join(path[:depth])
                if name not in unknown:
                    unknown.append(name)
                break
            value = value[part]
    return unknown


def _render(source: str, context: dict[str, Any], *, env: Environment, field: str) -> str:
    """Render a template source in the sandbox, within its limits; every failure becomes Invalid on `field`."""
    if len(source) > sandbox.MAX_SOURCE:
        raise Invalid(
            {field: f"Een sjabloon heeft hoogstens {sandbox.MAX_SOURCE:,} tekens.".replace(",", ".")}
        )
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        raise Invalid(
            {
                field: M_(
                    "Fout in het sjabloon op regel %(lineno)s: %(message)s",
                    lineno=error.lineno,
                    message=error.message,
                )
            }
        ) from error
    except RecursionError as error:
        raise Invalid({field: M_("Het sjabloon is te diep genest.")}) from error
    unknown = _unknown_fields(tree, env, context)
    if unknown:
        word = "Onbekend samenvoegveld" if len(unknown) == 1 else "Onbekende samenvoegvelden"
        raise Invalid({field: f"{word}: {', '.join(unknown)}"})
    kind, *answer = sandbox.render_limited(source, context, autoescape=env is _HTML)
    if kind == "ok":
        return answer[0]
    if kind == "undefined":
        match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", answer[0])
        name = next((g for g in match.groups() if g), "") if match else answer[0]
        raise Invalid({field: M_("Onbekend samenvoegveld: %(name)s", name=name)})
    if kind == "syntax":
        raise Invalid(
            {
                field: M_(
                    "Fout in het sjabloon op regel %(line)s: %(problem)s",
                    line=answer[0],
                    problem=answer[1],
                )
            }
        )
    if kind == "security":
        raise Invalid({field: M_("Niet toegestaan in een sjabloon: %(answer)s", answer=answer[0])})
    if kind == "limit":
        raise Invalid({field: M_("Het sjabloon gaat over een grens: %(answer)s.", answer=answer[0])})
    raise Invalid({field: M_("Het sjabloon kan niet worden opgemaakt: %(answer)s", answer=answer[0])})


def validate_template_body(body: str, *, field: str = "body") -> None:
    """Refuse a template body (or subject, with field="subject") with a syntax error or an unknown merge field."""
    _render(body, demo_fields(dt.date(2026, 1, 5)), env=_HTML if field == "body" else _TEXT, field=field)


def _title(template: DocumentTemplate, context: dict[str, Any]) -> str:
    return (
        _render(template.subject, context, env=_TEXT, field="subject").strip()
        if template.subject
        else template.name
    )


def render_html(template: DocumentTemplate, context: dict[str, Any], label: Label | None) -> str:
    """The complete HTML document: the body rendered in the sandbox, in the label's house style or its own."""
    body = Markup(_render(template.body, context, env=_HTML, field="body"))  # escaped by the sandbox  # noqa: S704  (rendered and escaped by the sandbox)
    house = template.use_house_style and label is not None
    # A template's own style: "<" has no place in CSS outside strings, and escaped it cannot end the <style>.
    css = _house_css(label) if house else _PAPER + (template.own_style or "").replace("<", "\\3c ")
    return _PAGE.render(
        title=_title(template, context),
        css=Markup(css),  # noqa: S704  ("<" escaped above, so it cannot end the style)
        body=body,
        label_name=label.name if label else "",
        logo=_logo_uri(label) if house else None,
        letterhead=_lines(label.letterhead if house else ""),
        footer=_lines(label.footer if house else ""),
    )


def _lines(text: str) -> Markup:
    """Plain text with its line breaks kept, escaped."""
    return Markup("<br>\n").join(escape(line) for line in (text or "").strip().splitlines())


def render_pdf(html: str) -> bytes:
    """The HTML as PDF (WeasyPrint); nothing is fetched but data: URIs."""
    from weasyprint import HTML, URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def _uses_upload_link(template: DocumentTemplate) -> bool:
    """Whether the template's body or subject uses the merge field `upload` (the provider's upload link)."""
    for source, env in ((template.body, _HTML), (template.subject, _TEXT)):
        try:
            if source and "upload" in meta.find_undeclared_variables(env.parse(source)):
                return True
        except (TemplateSyntaxError, RecursionError):
            continue  # the rendering refuses it with its reason
    return False


def generate_document(
    trajectory: Trajectory,
    template: DocumentTemplate,
    *,
    actor: Actor,
    now: dt.datetime,
    task: Task | None = None,
) -> Document:
    """Render a template for a trajectory to HTML and PDF and store it with the trajectory."""
    context = merge_fields(trajectory, today=local_day(now))
    if _uses_upload_link(template):
        # The confirmation letter carries the provider's personal upload link: made now, shown only here.
        from .uploads import issue_link, link_settings

        settings = link_settings()
        link, url = issue_link(trajectory, actor=actor, now=now, settings=settings)
        context["upload"] = {
            "url": url,
            "expires_on": dutch_date(local_day(link.expires_at)),
            "max_mb": str(settings.max_mb),
        }
    label = trajectory.employee.employer.label
    html = render_html(template, context, label)
    pdf = render_pdf(html)
    if task is not None and task.id is None:
        db.session.flush()
    document = Document(
        trajectory=trajectory,
        document_template=template,
        task_id=task.id if task else None,
        title=_title(template, context)[:300],
        html=html,
        pdf=pdf,
        created_at=now,
        created_by=actor.user,
    )
    db.session.add(document)
    db.session.flush()
    log(
        actor,
        now,
        "document.generated",
        f"Document '{document.title}' gemaakt",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=document,
        details={"template": template.name},
    )
    return document


def demo_fields(today: dt.date) -> dict[str, Any]:
    """Merge fields of a fictional dossier, for previews and for checking a template's fields."""
    return {
        "today": dutch_date(today),
        "label": {"name": "Voorbeeldlabel"},
        "employer": {
            "name": "Bakkerij Voorbeeld B.V.",
            "address": "Dorpsstraat 12",
            "postcode": "3511 AB",
            "city": "Utrecht",
        },
        "employee": {"full_name": "Anna de Vries", "personnel_number": "P-1024", "birth_date": "14-6-1985"},
        "case_manager": {"name": "Sanne de Wit", "email": "sanne.dewit@example.nl"},
        "trajectory": {
            "started_on": "05-01-2026",
            "category": "Werktijden",
            "end_goal": "Werkhervatting eigen werk",
            "financier": "Verzekeraar (verzuimverzekering)",
        },
        "programme": {
            "name": "Coaching naar werk",
            "description": "Acht gesprekken met een loopbaancoach.",
            "duration_weeks": "8",
            "price": "€ 1.850,00",
            "catalogue_price": "€ 1.850,00",
        },
        "provider": {
            "name": "Voorbeeld Interventies",
            "contact_name": "Joost Bakker",
            "email": "info@voorbeeld-interventies.example",
        },
        "cost_benefit": {
            "reduction_days": "20",
            "daily_wage": "€ 215,50",
            "dossier_cost": "€ 300,00",
            "gross_benefit": "€ 4.310,00",
            "cost": "€ 2.150,00",
            "net_benefit": "€ 2.160,00",
            "ratio": "2,00",
            "expected_benefit": "€ 2.160,00",
        },
        "approval": {
            "decided_on": "19-1-2026",
            "remark": "Akkoord namens de werkgever.",
            "result": "Akkoord",
        },
        "intervention": {"started_on": "26-1-2026", "prognosis_end": "23-3-2026"},
        "upload": {
            "url": "https://traject.example/aanleveren/voorbeeld",
            "expires_on": "26-5-2026",
            "max_mb": "10",
        },
        "consult": {
            "type": "Intakegesprek",
            "date": "12-01-2026",
            "weekday": "maandag",
            "start_time": "10:00",
            "end_time": "11:00",
            "duration": "60",
            "location": "Kantoor Utrecht",
            "location_details": "Stationsplein 1, Utrecht",
            "with_whom": "Sanne de Wit",
            "price": "€ 125,00",
            "report": "We bespraken de eerste stappen naar werkhervatting.",
        },
    }


def preview(template: DocumentTemplate, label: Label | None, *, today: dt.date | None = None) -> str:
    """The template rendered with the fictional dossier of Anna de Vries, to show without real data."""
    fields = demo_fields(today or dt.date.today())
    if label is not None:
        fields["label"]["name"] = label.name
    return render_html(template, fields, label)
