// name: timeline
// description: Events involving an actor, as subject or object, oldest first. The date is the event's own first date, else its earliest article's publication date; undated events come last.
// param: actor entity required  The actor (name, alias, acronym or id).
// param: since string optional  Only events dated on or after this ISO date (compared as text, so 2022 and 2022-01 work).
// param: until string optional  Only events dated on or before this ISO date (until=2022 keeps all of 2022).
// param: limit int optional=100 min=1 max=1000000  Most rows returned.
// example: kg ask timeline -p actor=Kazakhstan
// example: kg ask timeline -p actor=Russia -p since=2022-01-01 -p until=2022-12-31
MATCH (actor:Entity)
WHERE actor.id = $actor
MATCH (actor)-[r:ACCUSED|ARRESTED|ATTACKED|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|MET_WITH|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]-(:Entity)
WITH DISTINCT r
// an undated event takes its earliest article's date (first_published, kept by the writer)
WITH startNode(r) AS subject, r, endNode(r) AS object, coalesce(r.first_date, r.first_published) AS date
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR substring(date, 0, size($until)) <= $until)
WITH date, subject, r, object
ORDER BY date, subject.name, type(r), object.name
LIMIT $limit
RETURN date, subject.name AS subject, type(r) AS relation, object.name AS object,
       r.mentions AS mentions, r.first_date AS first_date, r.last_date AS last_date,
       r.modality AS modality, subject.id AS subject_id, object.id AS object_id
ORDER BY date, subject, relation, object
