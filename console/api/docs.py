"""A browsable API documentation page rendered on the server from the OpenAPI document (no CDN, no script)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template_string

bp = Blueprint("api_docs", __name__)

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ spec.info.title }}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:60rem} code{background:#f2f2f2;padding:0 .2rem}
section{border-top:1px solid #ccc;padding:.5rem 0} .m{font-weight:bold;text-transform:uppercase}</style></head>
<body><h1>{{ spec.info.title }} {{ spec.info.version }}</h1>
<p>Authenticatie: <code>Authorization: Bearer &lt;token&gt;</code> (<code>traject tokens create NAAM</code>).
Fouten: JSON <code>{"code", "message", "errors"}</code>. Het volledige document:
<a href="openapi.json">openapi.json</a>.</p>
{% for path, operations in spec.paths.items() %}{% for method, op in operations.items() %}
<section id="{{ op.operationId or (method ~ path) }}"><span class="m">{{ method }}</span> <code>{{ path }}</code>
<p>{{ op.summary or "" }}{% if op.description %} — {{ op.description }}{% endif %}</p>
{% if op.parameters %}<ul>{% for p in op.parameters %}<li><code>{{ p.name }}</code> ({{ p["in"] }})
{% if p.required %}verplicht{% endif %}</li>{% endfor %}</ul>{% endif %}
<p>Antwoorden: {% for status in op.responses %}<code>{{ status }}</code> {% endfor %}</p></section>
{% endfor %}{% endfor %}</body></html>"""


@bp.get("/api/v1/docs")
def page() -> str:
    """The API's endpoints, parameters and answers, as HTML."""
    spec = current_app.extensions["traject_api"].spec.to_dict()
    return render_template_string(PAGE, spec=spec)
