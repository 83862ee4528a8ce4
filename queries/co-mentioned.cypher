// name: co-mentioned
// description: Pairs of entities most often mentioned in the same sentence; with an entity, the ones most often mentioned with it (it comes first in each pair).
// param: entity entity optional  Only pairs with this entity (name, alias, acronym or id).
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// example: kg ask co-mentioned
// example: kg ask co-mentioned -p entity=Kazakhstan
MATCH (a:Entity)
// CO_MENTIONED links each pair once (smaller id first) with counts the writer keeps
WHERE $entity IS NULL
   OR a.id = $entity
MATCH (a)-[p:CO_MENTIONED]-(b:Entity)
WHERE CASE WHEN $entity IS NULL THEN a.id < b.id ELSE true END
WITH a, b, p.sentences AS sentences, p.articles AS articles
ORDER BY sentences DESC, articles DESC, a.name, b.name
LIMIT $limit
RETURN a.name AS entity, a.id AS entity_id, b.name AS other, b.id AS other_id, sentences, articles
ORDER BY sentences DESC, articles DESC, entity, other
