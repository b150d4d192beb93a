"""The import graph of briefing_cli, flows, tasks and the core: no circles, and no import from a lower layer
to a higher one. Every import counts: module level, inside functions, and under ``TYPE_CHECKING`` (an import
moved into a function still ties the two modules together; it only hides the circle until the call).

The order is :data:`LAYERS`, top to bottom: a module may import from its own row or any row below it. Inside a
row, packages may import one another as long as the package graph stays acyclic (checked below too), so a row
is a group of peers, not a licence for circles. A new package must be placed in the table."""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
TOP_PACKAGES = ("briefing_cli", "flows", "tasks", "briefing")

LAYERS: tuple[tuple[str, ...], ...] = (
    # The command line: the only caller of the flows.
    ("briefing_cli",),
    # Prefect: flows wire tasks; tasks are thin adapters over the core.
    ("flows",),
    ("tasks",),
    # The core, Prefect-free. A whole run; the backlog cut into shards of runs.
    ("briefing.scale", "briefing.run"),
    # What a run writes: digest and edition pages, editions and feeds, email.
    ("briefing.delivery", "briefing.render", "briefing.editions"),
    # The model stages and what they check; the tiny test models' factories.
    (
        "briefing.summarize",
        "briefing.translate",
        "briefing.short_body",
        "briefing.extractive",
        "briefing.checks",
        "briefing.discussion",
        "briefing.same_story",
        "briefing.story_vectors",
        "briefing.testing",
    ),
    # Input read and cleaned; models found, loaded and run.
    ("briefing.sources", "briefing.cleaning", "briefing.langid", "briefing.models"),
    ("briefing.io", "briefing.settings"),
    # Plain data and leaf helpers.
    (
        "briefing",
        "briefing.records",
        "briefing.errors",
        "briefing.languages",
        "briefing.function_words",
        "briefing.memory",
        "briefing.article_files",
        "briefing.locks",
        "briefing.segmenter",
    ),
)


@dataclass(frozen=True)
class Import:
    source: str  # importing module
    target: str  # imported module (a package stands for its __init__)
    where: str  # path:line


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the scanned packages."""
    found: dict[str, Path] = {}
    for package in TOP_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a scanned package in ``path``, wherever it is in the file."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in TOP_PACKAGES:
                    yield Import(name, alias.name, where)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.split(".")[0] not in TOP_PACKAGES:
                continue
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                yield Import(name, submodule if submodule in known else module, where)


@functools.cache
def all_imports() -> tuple[Import, ...]:
    """Parsed once per session: the four checks below read the same graph."""
    known = modules()
    return tuple(i for name, path in known.items() for i in imports_of(name, path, known) if i.target != name)


def layer_entry(module: str) -> str | None:
    """The table entry a module belongs to: the longest entry that is the module or a package above it (the
    core's own ``briefing/__init__.py`` is an entry of its own, not a home for every core module)."""
    entries = [
        e for row in LAYERS for e in row if module == e or (e != "briefing" and module.startswith(e + "."))
    ]
    return max(entries, key=len) if entries else None


def layer_of(module: str) -> int:
    entry = layer_entry(module)
    assert entry is not None, f"{module} is in no row of LAYERS"
    return next(i for i, row in enumerate(LAYERS) if entry in row)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe(component: list[str], edges: list[tuple[str, str, str]]) -> str:
    inside = set(component)
    lines = [f"{a} -> {b} ({where})" for a, b, where in edges if a in inside and b in inside]
    return " <-> ".join(component) + ":\n    " + "\n    ".join(sorted(set(lines)))


def test_every_import_resolves_to_a_module_and_every_module_has_a_layer():
    known = modules()
    assert "briefing_cli" in known and "briefing.run.publish" in known
    unknown = sorted({f"{i.target} ({i.where})" for i in all_imports() if i.target not in known})
    assert not unknown, "imports of modules that do not exist:\n" + "\n".join(unknown)
    unplaced = sorted(m for m in known if layer_entry(m) is None)
    assert not unplaced, "modules in no row of LAYERS (place their package):\n" + "\n".join(unplaced)


def upward(i: Import) -> bool:
    return layer_of(i.target) < layer_of(i.source)


def test_no_module_imports_a_higher_layer():
    found = [
        f"{i.where}: {i.source} (row {layer_of(i.source)}) imports {i.target} (row {layer_of(i.target)})"
        for i in all_imports()
        if upward(i)
    ]
    assert not found, "imports from a lower layer to a higher one:\n" + "\n".join(sorted(found))


def test_no_import_circles_between_modules():
    graph: dict[str, set[str]] = defaultdict(set)
    edges = []
    for i in all_imports():
        graph[i.source].add(i.target)
        edges.append((i.source, i.target, i.where))
    found = cycles(graph)
    assert not found, "import circles:\n" + "\n".join(describe(c, edges) for c in found)


def test_no_import_circles_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    edges = []
    for i in all_imports():
        source, target = layer_entry(i.source), layer_entry(i.target)
        if source and target and source != target:
            graph[source].add(target)
            edges.append((source, target, i.where))
    found = cycles(graph)
    assert not found, "import circles between packages:\n" + "\n".join(describe(c, edges) for c in found)


def test_the_checks_see_a_circle_and_an_upward_import():
    # The checks above pass on an empty graph too: they must find what they look for.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert layer_of("briefing.sources.fetch") > layer_of("briefing.run.publish") > layer_of("flows.briefing")
    assert upward(Import("briefing.settings", "briefing.models.routes", "x"))
    assert upward(Import("briefing.run.publish", "flows.briefing", "x"))
    assert not upward(Import("briefing.run.publish", "briefing.render.index", "x"))
    assert not upward(Import("briefing.sources.fetch", "briefing.cleaning", "x"))  # a peer in its row
    assert layer_entry("briefing.records") == "briefing.records" and layer_entry("briefing") == "briefing"
    assert layer_entry("briefing.not_placed") is None
    known = modules()
    lazy = next(
        i
        for i in imports_of("briefing.run.staleness", known["briefing.run.staleness"], known)
        if i.target == "briefing.sources.health"
    )
    assert lazy.where.startswith("briefing/run/staleness.py:")  # imported inside a function: still seen
