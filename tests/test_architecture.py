"""The shape of the package: data flows one way through the stages, and starting geomap is cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geomap"

#: What each stage may import from geomap (besides the shared records, settings, errors, lexicon, geo,
#: fsutil, filenames): a stage never imports a later one.
ALLOWED = {
    "read": {"read"},
    "places": {"places"},
    "extract": {"extract", "read", "places", "merge"},
    "merge": {"merge", "places"},
    "outputs": {"outputs", "places"},
}
SHARED = {"records", "settings", "errors", "lexicon", "geo", "fsutil", "filenames"}
MAX_LINES = 550


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """geomap module -> the geomap modules it imports (at any level of the file)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geomap"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("geomap"))
        modules = {_module(p) for p in PACKAGE.rglob("*.py")}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _top_level_imports() -> dict[str, set[str]]:
    """Like :func:`_imports`, but only the imports run when the module is imported (not inside functions)."""
    graph: dict[str, set[str]] = {}
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    for path in PACKAGE.rglob("*.py"):
        found: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geomap"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        graph[_module(path)] = {m for m in found if m in modules and m != _module(path)}
    return graph


def test_no_import_cycle() -> None:
    graph = _top_level_imports()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_only_earlier_stages(stage: str) -> None:
    wrong = []
    for module, imported in _imports().items():
        if module.split(".")[1:2] != [stage]:
            continue
        for target in imported - {"geomap"}:
            part = target.split(".")[1]
            if part not in ALLOWED[stage] | SHARED:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_module_is_a_house() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_starting_geomap_does_not_load_spacy_pandas_or_folium() -> None:
    code = (
        "import sys, geomap.cli, geomap.project, geomap.extract.pipeline;"
        "print(sorted(m for m in ('spacy', 'pandas', 'folium', 'geopy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
