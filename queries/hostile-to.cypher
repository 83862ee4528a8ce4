// name: hostile-to
// description: Actors hostile to an actor: attacks, coercion, accusations and condemnation, threats, sanctions and protests aimed at it (PLOVER families ASSAULT, COERCE, ACCUSE, DISAPPROVE, THREATEN, SANCTION, PROTEST).
// param: target entity required  The actor on the receiving end (name, alias, acronym or id).
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask hostile-to -p target=Ukraine
MATCH (target:Entity)
WHERE target.id = $target
// one type at a time (faster on FalkorDB than a traversal of a union of types)
CALL {
  WITH target MATCH (actor:Entity)-[r:ATTACKED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:CLASHED_WITH]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:INVADED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:KILLED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:ARRESTED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:OVERTHREW]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:ACCUSED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:CONDEMNED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:THREATENED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:SANCTIONED]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
  UNION ALL
  WITH target MATCH (actor:Entity)-[r:PROTESTED_AGAINST]->(target) WHERE r.confidence >= $min_confidence RETURN actor, r
}
WITH actor, r, target
ORDER BY type(r)
WITH actor, target, collect(type(r)) AS relations, toInteger(sum(r.mentions)) AS mentions,
     min(r.first_date) AS first_date, max(r.last_date) AS last_date
// the names of all, the rest of the top rows only
WITH actor, target, relations, mentions, first_date, last_date, actor.name AS name
ORDER BY mentions DESC, name
LIMIT $limit
RETURN name AS actor, actor.id AS actor_id,
       {{entity-class entity=actor}} AS actor_type,
       relations, mentions, first_date, last_date, target.name AS target, target.id AS target_id
ORDER BY mentions DESC, actor, target
