// name: most-active
// description: The actors behind the most events, by the number of sentences reporting events they did.
// param: type string optional  Only actors of this class (Country, Person, Organization, Group).
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// example: kg ask most-active
// example: kg ask most-active -p type=Person -p limit=10
MATCH (actor:Entity)
// event_mentions: the event claims an entity is the subject of, kept by the writer
WHERE actor.event_mentions > 0
  AND ($type IS NULL OR any(label IN labels(actor) WHERE toLower(label) = toLower($type)))
WITH actor
ORDER BY actor.event_mentions DESC, actor.name
LIMIT $limit
// its event relationships, one type at a time (faster on FalkorDB than a union of types)
CALL {
  WITH actor MATCH (actor)-[r:ACCUSED]->() RETURN 'ACCUSED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:ARRESTED]->() RETURN 'ARRESTED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:ATTACKED]->() RETURN 'ATTACKED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:CLASHED_WITH]->() RETURN 'CLASHED_WITH' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:CONDEMNED]->() RETURN 'CONDEMNED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:DEMANDED]->() RETURN 'DEMANDED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:INVADED]->() RETURN 'INVADED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:INVITED]->() RETURN 'INVITED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:KILLED]->() RETURN 'KILLED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:MET_WITH]->() RETURN 'MET_WITH' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:OVERTHREW]->() RETURN 'OVERTHREW' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:PROTESTED_AGAINST]->() RETURN 'PROTESTED_AGAINST' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:RECOGNIZED]->() RETURN 'RECOGNIZED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:SANCTIONED]->() RETURN 'SANCTIONED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:SENT_TROOPS_TO]->() RETURN 'SENT_TROOPS_TO' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:SUPPORTED]->() RETURN 'SUPPORTED' AS relation, count(r) AS events
  UNION ALL
  WITH actor MATCH (actor)-[r:THREATENED]->() RETURN 'THREATENED' AS relation, count(r) AS events
}
WITH actor, relation, events
WHERE events > 0
WITH actor, relation, events
ORDER BY relation
WITH actor, toInteger(sum(events)) AS events, collect(relation) AS relations
RETURN actor.name AS actor, actor.id AS actor_id,
       {{entity-class entity=actor}} AS type,
       actor.event_mentions AS mentions, events, relations
ORDER BY mentions DESC, events DESC, actor
