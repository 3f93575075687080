"""The package follows the pipeline: imports flow one way, with no cycles.

Read from the source (every import, including those inside functions and under
TYPE_CHECKING), so a shortcut that would tie the stages together fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "flagpress"
# The shared core, then the stages in pipeline order, then what drives them.
STAGES = ["core", "load", "validate", "render", "publish", "commands", "pipeline", "cli"]
# Top-level modules that belong to a stage: the commands that make one file aside.
IN_STAGE = {"made_aside": "pipeline"}


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
        graph[name] = found
    return graph


def _stage(module: str) -> str:
    part = module.split(".")[1] if "." in module else ""
    part = IN_STAGE.get(part, part)
    return part if part in STAGES else "core"


def test_no_module_imports_from_a_later_stage() -> None:
    wrong = [
        f"{a} imports {b}"
        for a, targets in _imports().items()
        for b in targets
        if STAGES.index(_stage(b)) > STAGES.index(_stage(a))
    ]
    assert wrong == []


def test_web_and_print_never_import_each_other() -> None:
    graph = _imports()
    for a, targets in graph.items():
        for b in targets:
            pair = {
                a.split(".")[2] if a.count(".") >= 2 else "",
                b.split(".")[2] if b.count(".") >= 2 else "",
            }
            both_render = a.startswith("flagpress.render.") and b.startswith("flagpress.render.")
            assert not (both_render and pair == {"web", "press"}), f"{a} imports {b}"


def test_there_is_no_import_cycle() -> None:
    graph = _imports()
    # Importing a package runs its __init__; that edge is not a cycle of the code.
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> None:
        if node in path:
            cycle = path[path.index(node) :] + [node]
            raise AssertionError(" -> ".join(cycle))
        if node in done:
            return
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if not node.startswith(target + "."):  # a module importing its own package
                visit(target)
        path.pop()
        done.add(node)

    for module in sorted(graph):
        visit(module)
