// name: overview
// description: A first look at the graph: up to 100 relationships between entities, drawn with their two ends.
MATCH (subject:Entity)-[relation]->(object:Entity)
RETURN subject, relation, object
LIMIT 100
