// A part of named queries, spliced in where a query says `// include: scaled-claims`.
// In: the query's $goldstein (an ontology parameter: each event relation's Goldstein value),
// $min_confidence, $since and $until. Out: one row per event claim kg is that sure of,
// dated in the range (its event's date, else its article's publication; an undated one only
// when no range is given): `subject`, `object` (the entities), `claim` and `intensity`.
MATCH (claim:Claim)
WHERE $goldstein[claim.relation] IS NOT NULL AND claim.confidence >= $min_confidence
MATCH (subject:Entity)<-[:SUBJECT]-(claim)-[:OBJECT]->(object:Entity)
MATCH (article:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(claim)
WITH subject, object, claim, coalesce(claim.date, article.published) AS date
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR left(date, size($until)) <= $until)
WITH subject, object, claim, $goldstein[claim.relation] AS intensity
