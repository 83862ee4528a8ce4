// name: co-mentioned
// description: Pairs of entities most often mentioned in the same sentence; with an entity, the ones most often mentioned with it (it comes first in each pair).
// param: entity entity optional  Only pairs with this entity (name, alias, acronym or id).
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// example: kg ask co-mentioned
// example: kg ask co-mentioned -p entity=Kazakhstan
UNWIND CASE WHEN $entity IS NULL THEN range(0, 30) ELSE [] END AS power
// CO_MENTIONED links each pair once (smaller id first) with counts the writer keeps, and its
// sentence count is indexed. Without an entity, only the pairs at or above a threshold are
// ranked: the highest power of two that at least $limit pairs reach, found by probing the
// index with each candidate (each probe reads at most $limit pairs); every pair of the top
// $limit is at or above it, so the rows are those of ranking every pair.
WITH toInteger(2 ^ power) AS threshold
CALL {
  WITH threshold
  MATCH ()-[p:CO_MENTIONED]->()
  WHERE p.sentences >= threshold
  WITH p LIMIT $limit
  RETURN count(p) AS reached
}
WITH max(CASE WHEN reached >= $limit THEN threshold END) AS threshold
// with an entity, a threshold no pair reaches: the first branch reads nothing
WITH CASE WHEN $entity IS NULL THEN coalesce(threshold, 0) ELSE 2 ^ 62 END AS threshold
CALL {
  WITH threshold
  MATCH (a)-[p:CO_MENTIONED]->(b)
  WHERE p.sentences >= threshold
  RETURN a, b, p
  UNION ALL
  WITH threshold
  MATCH (a:Entity)-[p:CO_MENTIONED]-(b:Entity)
  WHERE a.id = $entity
  RETURN a, b, p
}
WITH a, b, p.sentences AS sentences, p.articles AS articles
ORDER BY sentences DESC, articles DESC, a.name, b.name
LIMIT $limit
RETURN a.name AS entity, a.id AS entity_id, b.name AS other, b.id AS other_id, sentences, articles
ORDER BY sentences DESC, articles DESC, entity, other
