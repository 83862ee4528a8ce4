// name: schema
// description: The schema Neo4j infers from the data: each label once, with the relationship types between them.
// for: browser
CALL db.schema.visualization()
