"""The one Jinja set-up every output shares: where templates live, and how they fail.

Built-in templates are in `flagpress/templates/<kind>/`; a publication's own
`templates/<kind>/<name>` replaces the built-in file of that name. Autoescaping is
on (titles, names and summaries are text, never markup) and an undefined variable
is an error, not an empty string. A broken override is the publication's to fix,
so it becomes a Problem at its file and line, never a traceback.

Templates are written by the same volunteers who write articles, and the build runs
where the private file is, so every template (web, print and the website's theme)
runs in a `Sandbox`: it may show the values it is given and call the helpers it is
handed, and nothing else (see README, "Templates").
"""

from __future__ import annotations

import datetime as dt
import types
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from flagpress.diagnostics import ContentError, Location, Problem
from flagpress.render.compiled_templates import keep_compiled

BUILTIN = Path(__file__).resolve().parent.parent / "templates"

# Values whose own methods a template may call ('text'.upper(), d.get(k)): they hold
# no reference to anything else, and the immutable sandbox refuses the changing ones.
# Exact types only: a subclass (MkDocs's plugin collection is a dict) adds methods.
_PLAIN = (
    str,
    int,
    float,
    bool,
    dt.date,
    dt.datetime,
    dt.timedelta,
    tuple,
    list,
    dict,
    set,
    frozenset,
)
# What `'...'.format` is, read from a template (Jinja's sandbox wraps only those).
_METHODS = (types.MethodType, types.BuiltinMethodType)
# Jinja's own template objects: macros, `loop`, `caller`, `super()`, cycler, joiner.
_JINJA_MODULES = ("jinja2.runtime", "jinja2.utils")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to what a template needs.

    Jinja's sandbox already refuses `_`-names (`__globals__`, `__class__`,
    `__init__`, `__subclasses__`) and changing lists and dicts. It still lets a
    template call any public method of any object it can reach, so a path
    (`edition.root`) could be read with `.read_text()`. Here a template may call
    only: the helpers and globals it is handed, methods of plain values (text,
    numbers, dates, lists, dicts), Jinja's own objects, and `allowed_methods`
    (qualified names such as 'Edition.issue'). Paths, modules and classes are
    never reachable, and refusals never print the object (its repr could hold a
    name or a path).
    """

    def __init__(self, *, allowed_methods: Iterable[str] = (), **options: Any) -> None:
        super().__init__(**options)
        self.allowed_methods = frozenset(allowed_methods)
        self.formatters: weakref.WeakSet[Callable[..., str]] = weakref.WeakSet()
        self._decided: dict[tuple[type, str, type], bool] = {}
        keep_compiled(self)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """Refuse at once: Jinja's default hands back an undefined value, which a filter
        such as `attr` or a test such as `defined` would quietly turn into something else."""
        raise jinja2.sandbox.SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's safe `'...'.format`, remembered so that templates may call it.

        Asked of every value a template reads: anything but a method is passed at once."""
        if type(value) not in _METHODS:
            return None
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            self.formatters.add(wrapped)
        return wrapped

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Decided once per (object's type, attribute, value's type): every check here and
        in Jinja's sandbox looks only at those, and a whole website makes hundreds of
        thousands of attribute lookups (a tenth of a build went to deciding them again)."""
        key = (type(obj), attr, type(value))
        known = self._decided.get(key)
        if known is None:
            known = super().is_safe_attribute(obj, attr, value) and not (
                _out_of_bounds(obj) or _out_of_bounds(value)
            )
            self._decided[key] = known
        return known

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any):  # noqa: N805, ANN204
        """Call `__obj` only if it is allowed above or was handed to the template (asked
        second: it looks at every value the template was handed)."""
        if not __self.may_call(__obj) and not any(
            __obj is value for value in __context.parent.values()
        ):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise jinja2.sandbox.SecurityError(f"calling '{name}' is not allowed in templates")
        return __context.call(__obj, *args, **kwargs)

    def may_call(self, obj: Any) -> bool:
        """Whether a callable the template reached by itself may be called."""
        if not self.is_safe_callable(obj):
            return False
        if type(obj).__module__ in _JINJA_MODULES or obj in self.formatters:
            return True  # a macro, `caller`, a block, `loop`, or Jinja's sandboxed format
        owner = getattr(obj, "__self__", None)
        if owner is None or isinstance(owner, type | types.ModuleType) or _out_of_bounds(owner):
            return False  # a plain function, a class method, or a module's function
        if type(owner) in _PLAIN or type(owner).__module__ in _JINJA_MODULES + ("markupsafe",):
            return True
        return f"{type(owner).__qualname__}.{obj.__name__}" in self.allowed_methods


def _out_of_bounds(value: Any) -> bool:
    """A value no template may hold: it reaches files, code or other objects' insides."""
    return isinstance(value, PurePath | types.ModuleType | type)


class ContainedLoader(jinja2.FileSystemLoader):
    """Loads a template only if it really is inside its folder.

    A template file that is a symlink to `content/contributors.private.yml` (or to
    anything outside its templates folder) is not found rather than shown.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        path = Path(filename).resolve()
        if not any(path.is_relative_to(Path(f).resolve()) for f in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def long_date(day: dt.date) -> str:
    """'1 March 2019': dates as readers say them."""
    return f"{day.day} {day:%B %Y}"


def folders(root: Path, kind: str) -> list[Path]:
    """Where templates of `kind` (web, print) are looked up: the publication's own first."""
    return [root / "templates" / kind, BUILTIN / kind]


def find_file(root: Path, kind: str, name: str) -> Path:
    """The file that will be used for template `name`: an override, else the built-in."""
    return next((f / name for f in folders(root, kind) if (f / name).is_file()), Path(name))


# Methods of flagpress's own objects that templates may call (all pure look-ups).
FLAGPRESS_METHODS = ("Edition.issue", "Edition.profiles")


class Templates:
    """Renders the templates of one kind for one publication."""

    def __init__(self, root: Path, kind: str) -> None:
        self.root, self.kind = root, kind
        self.env = Sandbox(
            loader=ContainedLoader(folders(root, kind)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            allowed_methods=FLAGPRESS_METHODS,
        )
        self.env.filters["long_date"] = long_date

    def render(self, template: str, **context: object) -> str:
        """The rendered template; a broken or unsafe one raises ContentError at its line."""
        try:
            return self.env.get_template(template).render(**context)
        except Exception as err:  # noqa: BLE001 - any failure is the template's to fix
            raise ContentError([self.problem(template, err)]) from None

    def problem(self, template: str, err: Exception) -> Problem:
        path, line = failed_at(err, folders(self.root, self.kind))
        path = path or self.root / "templates" / self.kind / template
        inside = path.resolve().is_relative_to(self.root.resolve())
        shown = path.resolve().relative_to(self.root.resolve()).as_posix() if inside else template
        what = "this template" if self.kind == "web" else f"this {self.kind} template"
        if isinstance(err, jinja2.sandbox.SecurityError):
            return Location(shown, line).error(
                "template-unsafe",
                f"{what} tries to use something templates may not ({unsafe(err)}); use "
                "only the variables listed in README's Templates section",
            )
        return Location(shown, line).error(
            "template-error",
            f"{what} cannot be used ({explain(err)}); fix it, "
            "or delete it to use flagpress's built-in one",
        )


def unsafe(err: Exception) -> str:
    """The sandbox's refusal, as a clause: 'access to attribute 'x' of 'y' object is unsafe'."""
    return str(err).rstrip(".")


def explain(err: Exception) -> str:
    """What went wrong, without the values involved (they could be a person's name)."""
    if isinstance(err, jinja2.TemplateNotFound):
        return f"'{err.name}' is missing, or links to a file outside its templates folder"
    if isinstance(err, jinja2.TemplateError):
        return err.message or type(err).__name__
    return f"{type(err).__name__} while showing a value"


def failed_at(err: Exception, searched: Iterable[Path]) -> tuple[Path | None, int]:
    """The template file and line an error happened at.

    Syntax errors carry them; errors while rendering only have them in the traceback,
    where Jinja puts each template's own file and line: the innermost one wins.
    """
    filename = getattr(err, "filename", None)
    if filename:
        return Path(filename), getattr(err, "lineno", None) or 1
    places = [f.resolve() for f in searched]
    found: tuple[Path | None, int] = (None, 1)
    tb = err.__traceback__
    while tb is not None:
        name = Path(tb.tb_frame.f_code.co_filename)
        if name.is_absolute() and any(name.resolve().is_relative_to(p) for p in places):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found
