"""Graph model 1 (kept to build old graphs in tests of `kg migrate`), as kg wrote it before claims.
The Cypher that writes the graph: the same text runs on FalkorDB and on Neo4j 5.

Every value is a parameter. Labels and relationship types cannot be parameters in Cypher, so
the few statements that need one are templates filled by `entity_upsert` and
`relation_upsert`, which accept only names the ontology defines. The structural labels
(Entity, Article, Sentence, HAS_SENTENCE, MENTIONS) are declared in ontology/kg.ttl too.

Evidence lives on each relationship as parallel lists, one item per supporting sentence:
  sentence_ids, ev_article, ev_confidence, ev_date ('' when unknown), ev_modality, ev_role
  ('' when none), evidence (the full provenance of that sentence's assertion as JSON);
and the summaries queries read, kept equal to what these lists give:
  article_ids, mentions, confidence (max), first_date, last_date, modality (the most
  factual one present, in the ontology's order), roles.
Adding evidence updates the summaries from their old values and the new items only:
recomputing them from the whole lists was quadratic in a relationship's articles (one new
sentence on a relationship with 3,000 took 65 ms, against 2 ms now). Removing an article's
evidence recomputes them from the lists that remain.
"""

from __future__ import annotations

from model1_rows import EVIDENCE_LISTS

from kg.core.ontology import Ontology

# Recomputes the summaries of relationship `r` from its evidence lists, after the evidence of
# the articles $articles were taken out (article_ids keeps its order: first appearance in ev_article).
_SUMMARISE_AFTER_REMOVAL = """
WITH r
SET r.mentions = size(r.sentence_ids),
    r.article_ids = [x IN r.article_ids WHERE NOT x IN $articles],
    r.confidence = reduce(m = 0.0, c IN r.ev_confidence | CASE WHEN c > m THEN c ELSE m END),
    r.first_date = reduce(d = null, x IN r.ev_date |
        CASE WHEN x = '' THEN d WHEN d IS NULL OR x < d THEN x ELSE d END),
    r.last_date = reduce(d = null, x IN r.ev_date |
        CASE WHEN x = '' THEN d WHEN d IS NULL OR x > d THEN x ELSE d END),
    r.modality = head([m IN $modalities WHERE m IN r.ev_modality]),
    r.roles = reduce(acc = [], x IN r.ev_role | CASE WHEN x = '' OR x IN acc THEN acc ELSE acc + x END)
"""


ARTICLE_HASHES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.content_hash AS content_hash, a.path AS path
"""

# Articles are written in two steps so that a stored content hash always means "every
# statement of this version is in": the batch writes each article with its hash cleared and
# a write token, and COMMIT sets the hash only where the token is still the writer's own (a
# concurrent writer of another version of the article replaced it, and its commit wins).
ARTICLE_UPSERT = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.title = row.title, a.url = row.url, a.published = row.published, a.source = row.source,
    a.path = row.path, a.content_hash = null, a.write_token = $token, a.sentences = row.sentences,
    a.ingested = row.ingested
"""

ARTICLE_COMMIT = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
WHERE a.write_token = $token
SET a.content_hash = row.content_hash, a.write_token = null
RETURN a.id AS id
"""

# An article whose batch failed: whatever of it was written goes (its evidence first, with
# ARTICLE_REMOVAL), then the node itself, unless another writer has since committed it.
ARTICLE_DELETE = """
UNWIND $articles AS article
MATCH (a:Article {id: article})
WHERE a.content_hash IS NULL
DETACH DELETE a
"""

SENTENCE_UPSERT = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (s:Sentence {id: row.id})
SET s.text = row.text, s.index = row.index, s.start = row.start, s.end = row.end,
    s.article = row.article
MERGE (a)-[:HAS_SENTENCE]->(s)
"""

MENTION_UPSERT = """
UNWIND $rows AS row
MATCH (s:Sentence {id: row.sentence})
MATCH (e:Entity {id: row.entity})
MERGE (s)-[m:MENTIONS]->(e)
SET m.text = row.text
"""

# `keys` (normalised names, kg/resolution/keys.py) only grow, like the aliases, and are indexed
# element by element. A row with `rename` (entity resolution found a fuller name for a stored
# node) renames the node; its old name joins the aliases.
_ENTITY_UPSERT = """
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
ON CREATE SET e.name = row.name, e.aliases = [], e.keys = []
WITH e, row, e.name AS old_name, coalesce(row.rename, e.name) AS name
SET e:{label},
    e.name = name,
    e.aliases = reduce(acc = [x IN e.aliases WHERE x <> name], x IN row.names + [old_name] |
        CASE WHEN x = name OR x IN acc THEN acc ELSE acc + x END),
    e.keys = reduce(acc = coalesce(e.keys, []), x IN row.keys | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    e.iso3 = coalesce(e.iso3, row.iso3), e.wikidata = coalesce(e.wikidata, row.wikidata),
    e.geonames = coalesce(e.geonames, row.geonames), e.country = coalesce(e.country, row.country),
    e.sector = coalesce(e.sector, row.sector)
"""

# One row per (subject, object) with the new evidence as parallel lists; evidence already
# present (same sentence id) is left alone, so a repeated or concurrent write adds nothing.
# Every SET item reads only the old value of the property it sets (engines differ on whether
# an item sees the items before it), and the summaries grow from their old values.
_RELATION_UPSERT = """
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
MERGE (s)-[r:{type}]->(o)
WITH r, row, [i IN range(0, size(row.sentence_ids) - 1)
              WHERE NOT row.sentence_ids[i] IN coalesce(r.sentence_ids, [])] AS new
WHERE size(new) > 0
WITH r, [i IN new | row.sentence_ids[i]] AS ids, [i IN new | row.ev_article[i]] AS articles,
     [i IN new | row.ev_confidence[i]] AS confidences, [i IN new | row.ev_date[i]] AS dates,
     [i IN new | row.ev_modality[i]] AS modalities, [i IN new | row.ev_role[i]] AS roles,
     [i IN new | row.evidence[i]] AS evidence
SET r.sentence_ids = coalesce(r.sentence_ids, []) + ids,
    r.ev_article = coalesce(r.ev_article, []) + articles,
    r.ev_confidence = coalesce(r.ev_confidence, []) + confidences,
    r.ev_date = coalesce(r.ev_date, []) + dates,
    r.ev_modality = coalesce(r.ev_modality, []) + modalities,
    r.ev_role = coalesce(r.ev_role, []) + roles,
    r.evidence = coalesce(r.evidence, []) + evidence,
    r.mentions = coalesce(r.mentions, 0) + size(ids),
    r.article_ids = reduce(acc = coalesce(r.article_ids, []), x IN articles |
        CASE WHEN x IN acc THEN acc ELSE acc + x END),
    r.confidence = reduce(m = coalesce(r.confidence, 0.0), c IN confidences |
        CASE WHEN c > m THEN c ELSE m END),
    r.first_date = reduce(d = r.first_date, x IN dates |
        CASE WHEN x = '' THEN d WHEN d IS NULL OR x < d THEN x ELSE d END),
    r.last_date = reduce(d = r.last_date, x IN dates |
        CASE WHEN x = '' THEN d WHEN d IS NULL OR x > d THEN x ELSE d END),
    r.modality = head([m IN $modalities WHERE m = r.modality OR m IN modalities]),
    r.roles = reduce(acc = coalesce(r.roles, []), x IN roles |
        CASE WHEN x = '' OR x IN acc THEN acc ELSE acc + x END)
"""

# Before any article of a batch is written, whatever an earlier version of it left goes:
# its evidence, then relationships left with none, then entities left with no relationship,
# then its sentences. This runs for every article of the batch, stored or not, in the same
# transaction as the writes, so concurrent writers of two versions converge on one. The
# entities to look at are those its sentences mention; when a write failed half-way (its
# mentions may be missing), they are given by id instead ($entities).
_BY_MENTION = """
UNWIND $articles AS article
MATCH (:Article {id: article})-[:HAS_SENTENCE]->(:Sentence)-[:MENTIONS]->(e:Entity)
WITH DISTINCT e"""

_BY_ID = """
UNWIND $entities AS id
MATCH (e:Entity {id: id})
WITH DISTINCT e"""

_EVIDENCE_REMOVE = (
    """
MATCH (e)-[r]->(:Entity)
WHERE any(x IN r.article_ids WHERE x IN $articles)
WITH DISTINCT r
WITH r, [i IN range(0, size(r.sentence_ids) - 1) WHERE NOT r.ev_article[i] IN $articles] AS keep
SET """
    + ",\n    ".join(f"r.{name} = [i IN keep | r.{name}[i]]" for name in EVIDENCE_LISTS)
    + _SUMMARISE_AFTER_REMOVAL
)

# A separate statement: FalkorDB skipped the summary SET above when a DELETE followed it.
_EMPTY_RELATIONS_REMOVE = """
MATCH (e)-[r]->(:Entity)
WHERE size(r.sentence_ids) = 0
DELETE r
"""

_ORPHANS_REMOVE = """
OPTIONAL MATCH (e)-[r]-(:Entity)
WITH e, count(r) AS relations
WHERE relations = 0
DETACH DELETE e
"""

ARTICLE_SENTENCES_REMOVE = """
UNWIND $articles AS article
MATCH (:Article {id: article})-[:HAS_SENTENCE]->(s:Sentence)
DETACH DELETE s
"""

# Parameters: $articles, $modalities (and $entities for FAILED_ARTICLE_REMOVAL).
ARTICLE_REMOVAL = tuple(
    _BY_MENTION + part for part in (_EVIDENCE_REMOVE, _EMPTY_RELATIONS_REMOVE, _ORPHANS_REMOVE)
) + (ARTICLE_SENTENCES_REMOVE,)
FAILED_ARTICLE_REMOVAL = tuple(
    _BY_ID + part for part in (_EVIDENCE_REMOVE, _EMPTY_RELATIONS_REMOVE, _ORPHANS_REMOVE)
) + (ARTICLE_SENTENCES_REMOVE,)


def entity_upsert(ontology: Ontology, label: str) -> str:
    """MERGE entities of one concrete ontology class (rows: id, name, names, iso3, ...)."""
    cls = ontology.classes.get(label)
    if cls is None or cls.abstract:
        raise ValueError(f"{label!r} is not a concrete class of the ontology")
    return _ENTITY_UPSERT.format(label=cls.name)


def relation_upsert(ontology: Ontology, relation: str) -> str:
    """MERGE relationships of one ontology relation type and append their new evidence."""
    return _RELATION_UPSERT.format(type=ontology.relation(relation).name)
