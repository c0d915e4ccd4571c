"""Rendering the templates administrators write, within limits on time, memory and output.

A template is Jinja in a sandbox that also refuses to build huge strings, lists or numbers in one step (`*`,
`**`, `%`, `+`, `str.format`, the text filters and string methods, `range`, `lipsum`, `namespace`). Tricks
that slip past those checks still cannot harm the server: a template is compiled and rendered in a worker
process of its own (`python -m casework.sandbox`, one per web process, started on first use) whose memory is
capped, within a time budget (an alarm in the worker; the web process kills a worker stuck in one long step
and starts a new one) and a limit on the output. The worker answers with the text or the reason it stopped;
the caller turns a reason into a Dutch message. Compiling happens in the worker too: Jinja folds constant
expressions at compile time.

This module imports nothing of Traject, so the worker stays small.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, pass_environment, pass_eval_context
from jinja2.filters import do_center, do_indent, do_join, do_replace, do_wordwrap
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace, generate_lorem_ipsum

MAX_SOURCE = 100_000  # characters of a template's source
MAX_OUTPUT = 200_000  # characters a template may produce (a letter of many pages)
MAX_LENGTH = 100_000  # the longest string or list one step of a template may build
MAX_RANGE = 10_000  # items of range()
MAX_DIGITS = 1_000  # digits of a number built with * or **
TIME_BUDGET = 3.0  # seconds of rendering
MEMORY_BUDGET = 256 * 1024 * 1024  # bytes of memory the rendering may take on top of what it starts with


class TemplateLimit(Exception):
    """A template broke a limit; the message (Dutch) says which."""


TOO_LONG = f"het sjabloon maakt een te lange tekst (meer dan {MAX_LENGTH:,} tekens in één stap)".replace(
    ",", "."
)


def _check_length(size: int) -> None:
    if size > MAX_LENGTH:
        raise TemplateLimit(TOO_LONG)


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return len(str(value))


def _check_format(fmt: str, values: list[Any]) -> None:
    """A %- or {}-format cannot pad beyond MAX_LENGTH, nor repeat its arguments beyond it."""
    if re.search(r"\d{5,}", fmt) or re.search(r"%[-#0 +]*\*|\{[^{}]*\{", fmt):
        raise TemplateLimit(TOO_LONG)
    fields = fmt.count("%") + fmt.count("{")
    longest = max((_length(v) for v in values), default=0)
    _check_length(len(fmt) + fields * max(longest, 10_000))


def _format_values(args: Any) -> list[Any]:
    if isinstance(args, dict):
        return list(args.values())
    if isinstance(args, tuple | list):
        return list(args)
    return [args]


def _range(*args: int) -> range:
    """range() with at most MAX_RANGE items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() geeft hoogstens {MAX_RANGE:,} getallen".replace(",", "."))
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Placeholder text, a few paragraphs at most."""
    if n > 20 or max > 200 or min > max:
        raise TemplateLimit("lipsum() maakt hoogstens 20 alinea's van 200 woorden")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


class _Namespace(Namespace):
    """namespace() whose values cannot grow beyond MAX_LENGTH."""

    def __setitem__(self, name: str, value: Any) -> None:
        if isinstance(value, str | list | tuple | dict):
            _check_length(len(value))
        elif isinstance(value, int) and value.bit_length() > MAX_DIGITS * 4:
            raise TemplateLimit("te groot getal")
        super().__setitem__(name, value)


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_format(str(value), _format_values(kwargs or args))
    return str(value) % (kwargs or args)


@pass_eval_context
def _replace_filter(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    times = str(s).count(str(old)) if count is None else min(count, str(s).count(str(old)))
    _check_length(len(str(s)) + times * len(str(new)))
    return do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join_filter(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    _check_length(sum(_length(i) for i in items) + max(len(items) - 1, 0) * len(str(d)))
    return do_join(eval_ctx, items, d, attribute)


def _width_filter(filter_: Any) -> Any:
    def bounded(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        lines = str(value).count("\n") + 1
        if isinstance(width, int):
            _check_length(len(str(value)) + lines * width)
        elif isinstance(width, str):
            _check_length(len(str(value)) + lines * len(width))
        return filter_(value, width, *args, **kwargs)

    return bounded


@pass_environment
def _wordwrap_filter(
    environment: Any,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    breaks = len(str(s)) // max(int(width), 1) + str(s).count("\n") + 1
    _check_length(len(str(s)) + breaks * len(wrapstring or "\n"))
    return do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


_STR_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill"}


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox that also refuses to build huge values in one step."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(undefined=StrictUndefined, **options)
        self.globals.update(range=_range, lipsum=_lipsum, namespace=_Namespace)
        self.filters.update(
            format=_format_filter,
            replace=_replace_filter,
            join=_join_filter,
            center=_width_filter(do_center),
            indent=_width_filter(do_indent),
        )
        self.filters["wordwrap"] = _wordwrap_filter

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 100:
            raise SecurityError("machtsverheffen met een te grote exponent")
        if operator in {"*", "**"} and isinstance(left, int) and isinstance(right, int):
            size = left.bit_length() * (right if operator == "**" else 1) + (
                0 if operator == "**" else right.bit_length()
            )
            if size > MAX_DIGITS * 4:
                raise TemplateLimit("te groot getal")
        if operator == "*":
            seq, count = (left, right) if isinstance(left, str | list | tuple) else (right, left)
            if isinstance(seq, str | list | tuple) and isinstance(count, int):
                _check_length(count * max(len(seq), 1))
        if operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            _check_length(len(left) + len(right))
        if operator == "%" and isinstance(left, str):
            _check_format(left, _format_values(right))
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = str(value.__self__)

        def bounded(*args: Any, **kwargs: Any) -> str:
            _check_format(
                fmt,
                [*args, *kwargs.values(), *(args[0].values() if args and isinstance(args[0], dict) else [])],
            )
            return wrapper(*args, **kwargs)

        return bounded

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _STR_WIDTH_METHODS and args and isinstance(args[0], int):
                _check_length(max(args[0], len(owner)))
            elif name == "expandtabs":
                _check_length(len(owner) + owner.count("\t") * (args[0] if args else 8))
            elif name == "replace" and len(args) >= 2:
                _check_length(len(owner) + owner.count(str(args[0])) * len(str(args[1])))
            elif name == "join" and args:
                items = list(args[0])
                _check_length(sum(_length(i) for i in items) + len(items) * len(owner))
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)


HTML = Sandbox(autoescape=True)
TEXT = Sandbox(autoescape=False)


# ---- the worker process ------------------------------------------------------------------------------------


def _memory_in_use() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0


def _on_alarm(signum: int, frame: Any) -> None:
    raise TemplateLimit(SLOW)


SLOW = f"het opmaken duurt te lang (meer dan {TIME_BUDGET:g} seconden)".replace(".", ",")
MEMORY = "het sjabloon gebruikt te veel geheugen"


def render_here(source: str, context: dict[str, Any], autoescape: bool) -> list[str]:
    """Compile and render in this process, stopping at the output limit; ["ok", text] or [kind, reason...]."""
    try:
        signal.setitimer(signal.ITIMER_REAL, TIME_BUDGET)
        env = HTML if autoescape else TEXT
        parts: list[str] = []
        size = 0
        for chunk in env.from_string(source).generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(
                    f"het sjabloon maakt meer dan {MAX_OUTPUT:,} tekens tekst".replace(",", ".")
                )
            parts.append(chunk)
        return ["ok", "".join(parts)]
    except TemplateLimit as error:
        return ["limit", str(error)]
    except MemoryError:
        return ["limit", MEMORY]
    except TemplateSyntaxError as error:
        return ["syntax", str(error.lineno), error.message or ""]
    except UndefinedError as error:
        return ["undefined", str(error)]
    except SecurityError as error:
        return ["security", str(error)]
    except (OverflowError, ValueError) as error:
        return ["limit", f"te groot getal of te lange tekst ({error})"]
    except Exception as error:  # an administrator's template may fail in any way; say why
        return ["error", str(error)[:500]]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _serve() -> None:
    """The worker: one JSON request per line in, one JSON answer per line out, within a memory cap."""
    limit = _memory_in_use() + MEMORY_BUDGET
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for line in sys.stdin:
        try:
            request = json.loads(line)
            answer = render_here(request["source"], request["context"], bool(request["autoescape"]))
            text = json.dumps(answer)
        except MemoryError:
            text = json.dumps(["limit", MEMORY])
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


class _Worker:
    """The one rendering worker of this process, started on first use and again after it was stopped."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.pid = 0

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None or self.pid != os.getpid():
            root = str(Path(__file__).resolve().parent.parent)
            env = {
                **os.environ,
                "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
            }
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "casework.sandbox"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                close_fds=True,
            )
            self.pid = os.getpid()
            assert self.process.stdout  # noqa: S101  (narrows the type; Popen was given PIPE)
            # starting takes a moment on a busy machine; it does not count against a template's time
            if _read_line(self.process.stdout.fileno(), time.monotonic() + 60) != b"ready\n":
                self.stop()
                raise RuntimeError("the template worker (python -m casework.sandbox) did not start")
        return self.process

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and self.pid == os.getpid():
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream:
                    stream.close()

    def ask(self, request: dict[str, Any]) -> list[str]:
        with self.lock:
            process = self._start()
            assert process.stdin and process.stdout  # noqa: S101  (narrows the type; Popen was given PIPE)
            try:
                process.stdin.write(json.dumps(request).encode() + b"\n")
                process.stdin.flush()
                line = _read_line(process.stdout.fileno(), time.monotonic() + TIME_BUDGET + 2)
            except (BrokenPipeError, OSError):
                line = None
            if line is None:  # stuck in one long step, or killed for its memory: start afresh next time
                self.stop()
                return ["limit", f"{MEMORY} of {SLOW}"]
            return json.loads(line)


def _read_line(fd: int, deadline: float) -> bytes | None:
    """One line from `fd`, or None when the deadline passes or the stream ends first."""
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return None
        data += chunk
    return data


_worker = _Worker()
atexit.register(_worker.stop)


def render_limited(source: str, context: dict[str, Any], *, autoescape: bool) -> list[str]:
    """Render `source` with `context` in the worker process, within the limits.

    Returns ["ok", text], ["limit", reason], ["syntax", line, message], ["undefined", message],
    ["security", message] or ["error", message].
    """
    if len(source) > MAX_SOURCE:
        return ["limit", f"een sjabloon heeft hoogstens {MAX_SOURCE:,} tekens".replace(",", ".")]
    return _worker.ask({"source": source, "context": context, "autoescape": autoescape})


__all__ = ["HTML", "MAX_OUTPUT", "MAX_SOURCE", "TEXT", "Sandbox", "TemplateLimit", "render_limited"]

if __name__ == "__main__":
    _serve()
