"""The package's shape: layers import only downward, no import cycle, no oversized module or function.

The layers, lowest first, are those docs/architecture.md draws.  A module may import modules of its own
layer and of the layers below it, never above; within the package no chain of imports may come back to
where it started (imports inside functions count: they are dependencies too).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
LAYERS = ("core", "rdf", "extract", "build", "steps", "access", "publish", "cli")
TOP = {"kg", "kg.__main__", "kg.data"}  # the package root (version), `python -m kg`, the data home
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "data" not in p.relative_to(PACKAGE).parts[:1]}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules *name* imports (a `from X import y` counts X.y when that is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _layer(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def test_layers_every_module_sits_in_a_layer():
    stray = sorted(n for n in _modules() if n not in TOP and _layer(n) is None)
    assert not stray, f"modules outside the layers {LAYERS}: {stray}"


def test_layers_no_upward_import():
    upward = sorted(
        f"{name} -> {target}"
        for name, targets in _graph().items()
        for target in targets
        if _layer(name) is not None and _layer(target) is not None and _layer(target) > _layer(name)
    )
    assert not upward, "imports from a higher layer:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def test_layers_no_import_cycle():
    graph = _graph()
    # a package importing its own sub-modules (to re-export them) is not a cycle of jobs
    graph = {n: {t for t in ts if not t.startswith(n + ".")} for n, ts in graph.items()}
    assert not _cycles(graph), f"import cycles: {_cycles(graph)}"


def test_layers_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(_modules()))
def test_layers_module_is_small(name):
    lines = len(_modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}: {lines} lines (at most {MAX_LINES}: split it by job)"


def test_layers_no_function_over_the_complexity_limit():
    ruff = subprocess.run([sys.executable, "-m", "ruff", "--version"], capture_output=True)
    if ruff.returncode != 0:
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         str(PACKAGE)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_layers_commands_do_not_load_each_other():
    """`kg --version` answers without importing any command module (each is imported when it runs)."""
    code = ("import sys, kg.cli\n"
            "try:\n    kg.cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('kg.cli.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]", done.stdout


def test_layers_reported_dependencies_are_real():
    graph = _graph()
    assert "kg.core.errors" in graph["kg.extract.ingest"]
    assert _layer("kg.cli.build") > _layer("kg.build.run") > _layer("kg.extract.ingest") > _layer("kg.core.errors")
