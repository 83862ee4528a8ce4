// name: search-names
// description: Full-text search over entity names and aliases with the entity_names index (kg neo4j init creates it); Lucene syntax, e.g. :param q => 'kazak*' or 'tokayev~'
// for: browser
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN node.name AS name, labels(node) AS labels, node.id AS id, node.aliases AS aliases, score
ORDER BY score DESC
LIMIT 25
