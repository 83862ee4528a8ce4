// name: schema
// description: The schema Neo4j infers from the data: each label once, with the relationship types between them.
CALL db.schema.visualization()
