// name: overview
// description: A first look at the graph: up to 100 relationships between entities, drawn with their two ends.
// for: browser
MATCH (subject:Entity)-[relation]->(object:Entity)
WHERE type(relation) <> 'CO_MENTIONED'
RETURN subject, relation, object
LIMIT 100
