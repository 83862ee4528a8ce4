// name: timeline
// description: Events involving an actor, as subject or object, oldest first. The date is the event's own first date, else its earliest article's publication date; undated events come last.
// param: actor entity required  The actor (name, alias, acronym or id).
// param: since string optional  Only events dated on or after this ISO date (compared as text, so 2022 and 2022-01 work).
// param: until string optional  Only events dated on or before this ISO date (until=2022 keeps all of 2022).
// param: limit int optional=100 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask timeline -p actor=Kazakhstan
// example: kg ask timeline -p actor=Russia -p since=2022-01-01 -p until=2022-12-31
MATCH (actor:Entity)
WHERE actor.id = $actor
// its event relationships, one type and one direction at a time (on FalkorDB a traversal of one
// type is much cheaper than of a union of types, and no DISTINCT is needed); a relationship
// from the actor to itself comes once, as outgoing
CALL {
  WITH actor MATCH (actor)-[r:ACCUSED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:ACCUSED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:ARRESTED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:ARRESTED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:ATTACKED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:ATTACKED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:CLASHED_WITH]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:CLASHED_WITH]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:CONDEMNED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:CONDEMNED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:DEMANDED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:DEMANDED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:INVADED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:INVADED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:INVITED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:INVITED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:KILLED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:KILLED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:MET_WITH]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:MET_WITH]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:OVERTHREW]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:OVERTHREW]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:PROTESTED_AGAINST]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:PROTESTED_AGAINST]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:RECOGNIZED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:RECOGNIZED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:SANCTIONED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:SANCTIONED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:SENT_TROOPS_TO]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:SENT_TROOPS_TO]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:SUPPORTED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:SUPPORTED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
  UNION ALL
  WITH actor MATCH (actor)-[r:THREATENED]->(other:Entity) RETURN r, actor AS subject, other AS object
  UNION ALL
  WITH actor MATCH (actor)<-[r:THREATENED]-(other:Entity) WHERE other <> actor RETURN r, other AS subject, actor AS object
}
// an undated event takes its earliest article's date (first_published, kept by the writer)
WITH subject, r, object, coalesce(r.first_date, r.first_published) AS date
WHERE r.confidence >= $min_confidence
  AND ($since IS NULL OR date >= $since) AND ($until IS NULL OR substring(date, 0, size($until)) <= $until)
WITH date, subject, r, object
ORDER BY date, subject.name, type(r), object.name
LIMIT $limit
RETURN date, subject.name AS subject, type(r) AS relation, object.name AS object,
       r.mentions AS mentions, r.first_date AS first_date, r.last_date AS last_date,
       r.modality AS modality, subject.id AS subject_id, object.id AS object_id
ORDER BY date, subject, relation, object
