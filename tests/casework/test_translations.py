"""The catalogue of the bot, the engine and the scheduler (domain "traject", casework/translations): every string
marked in the code is in it, translated into English with the same placeholders, and the compiled .mo says what
the .po says. A string added without its translation fails here, so none can slip by (`make translations`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from casework import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "casework/translations/en/LC_MESSAGES/traject.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _makefile_keywords() -> dict[str, object]:
    """The extra keywords `make translations-traject` passes to pybabel (TRAJECT_KEYWORDS), read from the Makefile."""
    line = next(x for x in (ROOT / "Makefile").read_text().splitlines() if x.startswith("TRAJECT_KEYWORDS"))
    keywords: dict[str, object] = {}
    for spec in re.findall(r"-k (\S+)", line):
        name, _, args = spec.partition(":")
        keywords[name] = tuple(int(a) for a in args.split(",")) if args else None
    return keywords


def extracted() -> dict[str, tuple[str, ...]]:
    """What pybabel extracts from bot/, casework/ and jobs/ with the project's mapping: msgid → all its forms."""
    with (ROOT / "babel-traject.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, **_makefile_keywords()}
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        forms = message if isinstance(message, tuple) else (message,)
        found[forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as po:
        return read_po(po)


def test_every_marked_string_of_the_code_is_in_the_catalogue(catalogue):
    code = extracted()
    assert len(code) > 300  # the extraction itself works (keywords and mapping as in the Makefile)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    missing = sorted(set(code) - known)
    assert missing == [], f"run `make translations-traject` and translate: {missing}"


def test_every_entry_is_translated_with_the_same_placeholders(catalogue):
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        strings = (message.string,) if isinstance(message.string, str) else message.string
        if message.fuzzy or not all(strings):
            problems.append(("untranslated or fuzzy", ids[0]))
            continue
        wanted = set(PLACEHOLDER.findall(ids[0])) | ({"num"} if len(ids) > 1 else set())
        for string in strings:
            if set(PLACEHOLDER.findall(string)) - wanted or (
                len(ids) == 1 and set(PLACEHOLDER.findall(string)) != wanted
            ):
                problems.append(("placeholders differ", ids[0]))
    assert problems == []


def test_the_compiled_catalogue_says_what_the_po_says(catalogue):
    compiled = Translations.load(str(i18n.DIRECTORY), ["en"], i18n.DOMAIN)
    assert isinstance(compiled, Translations), "casework/translations/en/LC_MESSAGES/traject.mo is missing"
    stale = []
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, str):
            if compiled.ugettext(message.id) != message.string:
                stale.append(message.id)
        elif compiled.ungettext(message.id[0], message.id[1], 2) != message.string[1]:
            stale.append(message.id[0])
    assert stale == [], "run `pybabel compile -D traject -d casework/translations`"


def test_the_reader_decides_the_language_of_an_engine_message():
    from casework.errors import Invalid

    refusal = Invalid({"days": i18n.M_("Kies 1 tot en met %(max)s dagen.", max=30)})
    assert refusal.errors == {"days": "Kies 1 tot en met 30 dagen."}  # Dutch by default
    assert str(refusal) == "days: Kies 1 tot en met 30 dagen."
    with i18n.speaking("en"):
        assert refusal.errors == {"days": "Choose 1 to 30 days."}
        assert i18n.ngettext("Je hebt %(num)s open taak.", "Je hebt %(num)s open taken.", 1) == (
            "You have 1 open task."
        )
        assert i18n.translate("Jansen B.V.") == "Jansen B.V."  # a name is never looked up into something else
    refusal.language = "en"  # a door that shows it later, outside the reader's context
    assert refusal.errors["days"] == "Choose 1 to 30 days."
    assert i18n.current_language() == "nl"


def test_result_fields_and_values_are_named_in_the_readers_language():
    from casework.trigger_rules import describe_result_condition, result_value_labels

    assert describe_result_condition("approval", "rejected") == ("Akkoord", "Nee")
    assert result_value_labels("conclusion")["aborted"] == "Afgebroken"
    with i18n.speaking("en"):
        assert describe_result_condition("approval", "rejected") == ("Approval", "No")
        assert describe_result_condition("conclusion", "not_successful") == (
            "Outcome of the intervention",
            "Not successful",
        )
        assert result_value_labels("financier")["health_insurer"] == "Health insurer"


def test_a_placeholder_may_have_any_name():
    """A value named like a parameter of gettext ("message", "singular") is still a value of the sentence."""
    from casework.errors import Invalid

    refusal = Invalid(
        {"body": i18n.M_("Fout in het sjabloon op regel %(lineno)s: %(message)s", lineno=2, message="x")}
    )
    with i18n.speaking("en"):
        assert refusal.errors["body"] == "Error in the template on line 2: x"
    assert i18n.gettext("%(singular)s", singular="a") == "a"
