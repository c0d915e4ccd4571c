"""The subcommand words of `/traject`, Dutch and English (either works in either language), and how a line of text becomes (command, arguments)."""

from __future__ import annotations

from casework.i18n import N_

WORDS: dict[str, str] = {
    "help": "help",
    "hulp": "help",
    "start": "start",
    "taken": "tasks",
    "tasks": "tasks",
    "taak": "new_task",
    "todo": "tasks",
    "zoek": "search",
    "search": "search",
    "dossier": "dossier",
    "notitie": "note",
    "note": "note",
    "signalen": "signals",
    "signals": "signals",
    "rapport": "report",
    "report": "report",
    "agenda": "agenda",
    "verzuim": "absence",
    "absence": "absence",
    "ziekmelding": "sick_report",
    "ziek": "sick_report",
    "sick": "sick_report",
    "herstel": "recovery",
    "recovery": "recovery",
    "contact": "contact",
    "zwaarte": "client_weight",
    "weight": "client_weight",
}

HELP = N_(
    "*Wat ik kan* (`/traject` of een bericht aan mij):\n"
    "• `help` — dit overzicht\n"
    "• `start [werknemer]` — een traject starten\n"
    "• `taken` / `tasks` — mijn takenlijst: eigen taken (Afgerond, In agenda) en open trajecttaken\n"
    "• `taak` — een eigen taak toevoegen, over een werknemer of niet\n"
    "• `zoek` / `search TERM` — werknemers zoeken\n"
    "• `dossier WERKNEMER` — een dossier openen\n"
    "• `notitie` / `note WERKNEMER TEKST` — een aantekening maken\n"
    "• `ziekmelding` / `sick [werknemer]` — een ziekmelding vastleggen\n"
    "• `herstel` / `recovery [werknemer]` — gedeeltelijk herstel of een hersteldmelding\n"
    "• `contact [werknemer]` — een contact vastleggen (gesprek, telefoon, video, e-mail)\n"
    "• `zwaarte` / `weight [werknemer]` — de cliëntzwaarte beoordelen\n"
    "• `signalen` / `signals` — mijn signaleringen\n"
    "• `rapport` / `report [PERIODE]` — cijfers van mijn caseload (PERIODE: `2026`, `2026-03`, `2026-K1`, `30d`)\n"
    "• `verzuim` / `absence [WERKGEVER] [PERIODE]` — verzuimcijfers: verzuimpercentage, meldingsfrequentie,"
    " verzuimduur, frequent verzuim (standaard de laatste 12 maanden)\n"
    "• `agenda [vandaag|week]` — mijn gesprekken, met knoppen om ze af te melden"
)

HINT = N_("Dat begrijp ik niet. Typ `help` voor wat ik kan, bijvoorbeeld `taken` of `zoek jansen`.")


def parse(text: str) -> tuple[str | None, str]:
    """The command a line names (None when unknown; "help" when empty) and the rest of the line."""
    text = (text or "").strip()
    if not text:
        return "help", ""
    word, _, rest = text.partition(" ")
    return WORDS.get(word.lower()), rest.strip()
