"""Jinja's compiled templates, kept in the user's cache between builds.

Compiling a template (lexing, parsing, generating and compiling Python) costs more
than rendering it: about a third of a one-article build went on compiling Material's
and flagpress's ~55 templates, again on every build. Jinja's bytecode cache keeps
the compiled code, checked against the template's source on every load, so an edited
override is compiled afresh.

Only templates that installed packages ship (flagpress's, Material's, MkDocs') are
kept: a publication's own templates are compiled again each build, so nothing written
for a publication is ever kept in the user's cache.

Jinja keys its cache by template name and file only. Here the key also holds
everything in the environment that changes the generated code (its class, Jinja's
version, the delimiters and whitespace settings, extensions, the filters and tests and
how each is called, and whether this template is autoescaped), so the sandboxed
environments of web, print and theme never share code they would compile differently.

Jinja also runs filters and tests on constants at compile time (`{{ 'editor' | role }}`
becomes the text it gives), through its optimiser and when it writes output. A filter
can hold one build's data (a translation, a naming rule), so kept code would show it
in the next build: where this cache is used, the optimiser is off and no output with a
filter or a test in it is made constant (a test proves both). That second part
overrides a private method of Jinja's code generator, `_output_child_to_const`; the
key holds Jinja's version, and the test fails if a new Jinja folds elsewhere.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.compiler import CodeGenerator, Frame
from jinja2.utils import _PassArg

from flagpress.user_cache import user_cache

# The environment settings that change the code Jinja generates for the same source.
_CODE_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string",
    "variable_end_string", "comment_start_string", "comment_end_string",
    "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
    "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
)


class _Cache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment too, and never failing a build."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = hashlib.sha256(repr((_settings(environment, name), name, filename)).encode())
        bucket = Bucket(environment, key.hexdigest(), self.get_source_checksum(source))
        if _shipped(filename):
            self.load_bytecode(bucket)
        else:
            bucket.key = ""  # compiled for this build only (see dump_bytecode)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be read only costs time
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return  # a publication's own template: nothing of a publication is kept here
        with contextlib.suppress(OSError):  # nor one that cannot be written
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def _shipped(filename: str | None) -> bool:
    """Whether the template is a file an installed package ships (flagpress's, Material's,
    MkDocs'): a publication's own templates are compiled afresh each build, so the
    user's cache holds nothing written for a publication."""
    if filename is None:
        return False
    path = Path(filename).resolve()
    return any(path.is_relative_to(root) for root in _package_roots())


@functools.cache
def _package_roots() -> tuple[Path, ...]:
    found = []
    for name in ("flagpress", "material", "mkdocs"):
        spec = find_spec(name)
        if spec is not None and spec.origin is not None:
            found.append(Path(spec.origin).resolve().parent)
    return tuple(found)


class _Unfolded(CodeGenerator):
    """Jinja's code generator, but a filter or test in output always runs when rendering."""

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if isinstance(node, nodes.Filter | nodes.Test) or any(
            node.find_all((nodes.Filter, nodes.Test))
        ):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


def _settings(env: jinja2.Environment, name: str) -> tuple[object, ...]:
    escape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return (
        type(env).__module__, type(env).__qualname__, jinja2.__version__, bool(escape),
        sorted(env.extensions), repr(env.finalize), _calls(env.filters), _calls(env.tests),
        *(getattr(env, setting) for setting in _CODE_SETTINGS),
    )


def _calls(functions: dict[str, Any]) -> list[tuple[str, str]]:
    """Each filter's (or test's) name and what Jinja passes it first: compiled in."""
    return sorted((name, str(_PassArg.from_obj(f))) for name, f in functions.items())


def keep_compiled(env: jinja2.Environment) -> None:
    """Give `env` the user's cache of compiled templates (none without a home folder)."""
    folder = user_cache("templates")
    if folder is None or env.code_generator_class is not CodeGenerator:
        return
    env.optimized = False
    env.code_generator_class = _Unfolded
    env.bytecode_cache = _Cache(folder)
