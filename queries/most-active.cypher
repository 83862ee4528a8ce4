// name: most-active
// description: The actors behind the most events, by the number of sentences reporting events they did.
// param: type string optional  Only actors of this class (Country, Person, Organization, Group).
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// example: kg ask most-active
// example: kg ask most-active -p type=Person -p limit=10
MATCH (actor:Entity)
WHERE $type IS NULL OR any(label IN labels(actor) WHERE toLower(label) = toLower($type))
MATCH (actor)-[r:ACCUSED|ARRESTED|ATTACKED|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|MET_WITH|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]->(:Entity)
// one row per (actor, relation) before the sort that orders each actor's relation list
WITH actor, type(r) AS relation, sum(r.mentions) AS mentions, count(r) AS events
ORDER BY relation
WITH actor, toInteger(sum(mentions)) AS mentions, toInteger(sum(events)) AS events,
     collect(relation) AS relations
RETURN actor.name AS actor, actor.id AS actor_id,
       head([label IN labels(actor) WHERE label <> 'Entity']) AS type,
       mentions, events, relations
ORDER BY mentions DESC, events DESC, actor
LIMIT $limit
