// name: most-hostile
// description: The pairs of actors whose events are the most hostile, from one to the other: the sum of the Goldstein intensities (-10 conflict .. +10 cooperation, from the ontology) of the sentences that report conflict (verbal or material) events, with how many sentences and which relations, over a date range (an event's date, else its article's).
// param: since string optional  Only events dated on or after this ISO date (2022, 2022-01, 2022-01-05).
// param: until string optional  Only events dated on or before this ISO date (until=2022 keeps all of 2022).
// param: min_confidence float optional=0.6 min=0 max=1  Only sentences kg is at least this sure of; 0 counts all.
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// param: goldstein ontology optional  The Goldstein value of each event relation (bound from the ontology).
// example: kg ask most-hostile -p since=2022
// include: scaled-claims
WITH subject, object, claim, intensity
WHERE intensity < 0
WITH subject, object, round(sum(intensity) * 10) / 10 AS intensity, count(claim) AS sentences,
     collect(DISTINCT claim.relation) AS relations
ORDER BY intensity, sentences DESC, subject.name, object.name
LIMIT $limit
RETURN subject.name AS actor, subject.id AS actor_id, object.name AS other, object.id AS other_id,
       intensity, sentences, relations
ORDER BY intensity, sentences DESC, actor, other
