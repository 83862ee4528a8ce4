"""kg's layers are physical: every import of a kg module points down (issue 19).

    core                                   kg.core: imports nothing else of kg
    NLP | resolution | scoring | store     kg.loaders, kg.resolution, kg.scoring, kg.store: the core only
    pipeline | exporters | named queries   kg.pipeline, kg.exporters, kg.named_queries, kg.evaluate
    partitioned extraction                 kg.partitioned: the pipeline by partition, here or on Ray
    looking around                         kg.explore, kg.neo4j_browser
    the web page                           kg.browse
    CLI                                    kg.cli

A module may import its own part (kg.store.writer imports kg.store.rows) and any part of a
lower layer, never one of its own layer or above. Read from the installed package's files
with `ast`, every import counted, those inside functions too; and no kg module is imported
by a name in a string (importlib), which would hide an edge from this test and from mypy.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kg

LAYERS = (
    ("kg", "kg.core", "kg.queries", "kg.ontology_files"),
    ("kg.loaders", "kg.resolution", "kg.scoring", "kg.store"),
    ("kg.pipeline", "kg.exporters", "kg.named_queries", "kg.evaluate"),
    ("kg.partitioned",),
    ("kg.explore", "kg.neo4j_browser"),
    ("kg.browse",),
    ("kg.cli",),
)
LAYER = {part: number for number, parts in enumerate(LAYERS) for part in parts}
ROOT = Path(kg.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")) + sorted((ROOT / "loaders").rglob("*.py")):
        parts = ["kg", *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def part_of(module: str) -> str:
    """The layer part a module belongs to: kg.store.writer -> kg.store, kg.pipeline -> kg.pipeline."""
    names = module.split(".")
    return ".".join(names[:2]) if len(names) > 1 else "kg"


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out += [(node.lineno, node.module)]
            out += [
                (node.lineno, f"kg.{a.name}")
                for a in node.names  # `from kg import core`
                if node.module == "kg" and (ROOT / a.name).is_dir()
            ]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in out if name == "kg" or name.startswith("kg.")]


def test_every_module_is_in_a_layer():
    modules = _modules()
    assert "kg.loaders.extractor" in modules and "kg.core.model" in modules
    assert not [m for m in modules if part_of(m) not in LAYER]


def test_every_import_of_kg_points_down():
    wrong = []
    for module, path in _modules().items():
        here = part_of(module)
        for line, imported in _imports(path):
            there = part_of(imported)
            if there != here and LAYER[there] >= LAYER[here]:
                wrong.append(
                    f"{path.relative_to(ROOT.parent)}:{line}: {module} ({here}, layer "
                    f"{LAYER[here]}) imports {imported} ({there}, layer {LAYER[there]})"
                )
    assert not wrong, "imports that do not point down:\n" + "\n".join(wrong)


def test_no_kg_module_is_imported_by_a_string():
    found = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module",
                "__import__",
            ):
                found.append(f"{module}:{node.lineno}")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("kg.")
                and ":" in node.value
            ):  # "kg.x:function"
                found.append(f"{module}:{node.lineno}: {node.value!r}")
    assert not found


def test_the_check_would_catch_an_upward_import(tmp_path):
    """The store importing the pipeline is caught (a guard on the test itself)."""
    bad = tmp_path / "writer.py"
    bad.write_text("from kg.pipeline import read\n")
    imported = _imports(bad)
    assert imported == [(1, "kg.pipeline")]
    assert LAYER[part_of("kg.pipeline")] >= LAYER[part_of("kg.store.writer")]
