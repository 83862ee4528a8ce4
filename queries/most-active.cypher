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
MATCH (actor)-[r:ACCUSED|ARRESTED|ATTACKED|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|MET_WITH|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]->(:Entity)
WITH actor, type(r) AS relation, count(r) AS events
ORDER BY relation
WITH actor, toInteger(sum(events)) AS events, collect(relation) AS relations
RETURN actor.name AS actor, actor.id AS actor_id,
       head([label IN labels(actor) WHERE label <> 'Entity']) AS type,
       actor.event_mentions AS mentions, events, relations
ORDER BY mentions DESC, events DESC, actor
