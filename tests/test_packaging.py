"""The installed distribution: `kg` is the only top-level import name it provides (the
repository's loaders/, ontology/ and queries/ folders install as kg.* subpackages)."""

from __future__ import annotations

from importlib.metadata import packages_distributions


def test_kg_is_the_only_top_level_name():
    names = {
        name
        for name, distributions in packages_distributions().items()
        if "kg" in distributions and not name.startswith("__editable__")
    }  # setuptools' editable-install finder
    assert names == {"kg"}


def test_the_subpackages_import_from_kg():
    import kg.loaders.readers
    import kg.ontology_files
    import kg.queries

    assert kg.loaders.readers.__name__ == "kg.loaders.readers"
    assert kg.queries.__name__ == "kg.queries" and kg.ontology_files.__name__ == "kg.ontology_files"
