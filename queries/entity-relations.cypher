// name: entity-relations
// description: Every relationship of an entity, outgoing and incoming, most mentioned first.
// param: entity entity required  The entity (name, alias, acronym or id).
// param: relation string optional  Only this relation type (MET_WITH, or "met with").
// param: limit int optional=100 min=1 max=1000000  Most rows returned.
// example: kg ask entity-relations -p entity=Kazakhstan
// example: kg ask entity-relations -p entity=Kazakhstan -p relation=MET_WITH
MATCH (entity:Entity)
WHERE entity.id = $entity
// entities are linked by ontology relations only; naming them skips CO_MENTIONED
MATCH (entity)-[r:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]-(other:Entity)
WHERE $relation IS NULL OR type(r) = replace(toUpper(trim($relation)), ' ', '_')
// sort on the keys alone; the other columns only for the rows kept
WITH entity, r, other, CASE WHEN startNode(r) = entity THEN 'out' ELSE 'in' END AS direction
ORDER BY r.mentions DESC, direction DESC, type(r), other.name
LIMIT $limit
RETURN entity.name AS entity, entity.id AS entity_id, direction,
       type(r) AS relation, other.name AS other, other.id AS other_id,
       head([label IN labels(other) WHERE label <> 'Entity']) AS other_type,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, r.roles AS roles
ORDER BY mentions DESC, direction DESC, relation, other
