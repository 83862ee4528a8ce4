"""The events of the graph as one CSV table, for spreadsheets and pandas: one row per claim of
an event relation (a sentence that reports it), with its place between conflict and
cooperation from the ontology.

    date, subject, subject_id, relation, object, object_id, quad_class, goldstein, modality,
    confidence, attributed_to, sentence, article, title, url

`date` is the event's own date, else its article's publication (as the timeline's);
`attributed_to` is the id of the claim's source; `url` is empty when the article had none.
"""

from __future__ import annotations

import csv
from typing import IO

from kg.core.graph import GraphStore
from kg.core.ontology import load_ontology
from kg.exporters.base import ExportReport
from kg.store.paging import DEFAULT_PAGE_SIZE
from kg.store.readback import assertion_pages

COLUMNS = (
    "date",
    "subject",
    "subject_id",
    "relation",
    "object",
    "object_id",
    "quad_class",
    "goldstein",
    "modality",
    "confidence",
    "attributed_to",
    "sentence",
    "article",
    "title",
    "url",
)


def write_events_csv(store: GraphStore, stream: IO[str], *, page_size: int = DEFAULT_PAGE_SIZE) -> int:
    """Write the table; returns how many rows (event claims) it holds."""
    onto = load_ontology()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = 0
    for page in assertion_pages(store, page_size, onto):
        for a in page:
            relation = onto.relations[a.predicate]
            if relation.quad_class is None:  # a state, not an event
                continue
            q = a.qualifiers
            writer.writerow(
                (
                    q.date or a.published or "",
                    a.subject.entity.name,
                    a.subject.entity.id,
                    a.predicate,
                    a.object.entity.name,
                    a.object.entity.id,
                    relation.quad_class,
                    relation.goldstein,
                    q.modality,
                    a.stated_confidence,
                    q.attributed_to or "",
                    a.sentence.text,
                    a.doc,
                    a.title or "",
                    a.url or "",
                )
            )
            rows += 1
    return rows


class EventsCsvExporter:
    name = "events-csv"
    description = "CSV, one row per sentence that reports an event (date, actors, quad class, intensity)"
    to_directory = False

    def export(self, store: GraphStore, target: IO[str]) -> ExportReport:
        return ExportReport(f"{write_events_csv(store, target)} event(s)")


EVENTS_CSV = EventsCsvExporter()
