// name: leaders-of
// description: Leaders and officials of a country or organization, with their roles.
// param: entity entity required  The country, organization or group (name, alias, acronym or id).
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask leaders-of -p entity=Kazakhstan
MATCH (person:Entity)-[r:LEADER_OF|OFFICIAL_OF]->(entity:Entity)
WHERE entity.id = $entity AND r.confidence >= $min_confidence
RETURN person.name AS person, person.id AS person_id, type(r) AS relation, r.roles AS roles,
       entity.name AS entity, entity.id AS entity_id,
       r.mentions AS mentions, r.first_date AS first_date, r.last_date AS last_date,
       r.modality AS modality
ORDER BY relation, mentions DESC, person, entity
LIMIT $limit
