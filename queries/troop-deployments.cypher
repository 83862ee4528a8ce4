// name: troop-deployments
// description: Who sent troops where, with the sentences that say so.
// param: country entity optional  Only deployments by or to this country or actor (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask troop-deployments
// example: kg ask troop-deployments -p country=Kazakhstan
UNWIND CASE WHEN $country IS NULL THEN range(0, 30) ELSE [] END AS power
// Without an entity, only the relationships at or above a threshold are ranked: the highest
// power of two that at least $limit relationships reach (`mentions` is indexed), found by
// probing the index with each candidate (each probe reads at most $limit); every one of the
// top $limit is at or above it, so the rows are those of ranking them all.
WITH toInteger(2 ^ power) AS threshold
CALL {
  WITH threshold
  MATCH ()-[r:SENT_TROOPS_TO]->()
  WHERE r.mentions >= threshold
  WITH r LIMIT $limit
  RETURN count(r) AS reached
}
WITH max(CASE WHEN reached >= $limit THEN threshold END) AS threshold
// with an entity, a threshold no relationship reaches: the first branch reads nothing
WITH CASE WHEN $country IS NULL THEN coalesce(threshold, 0) ELSE 2 ^ 62 END AS threshold
CALL {
  WITH threshold
  MATCH ()-[r:SENT_TROOPS_TO]->()
  WHERE r.mentions >= threshold
  RETURN r
  UNION ALL
  WITH threshold
  MATCH (x:Entity)-[r:SENT_TROOPS_TO]-(:Entity)  // the entity's deployments, in either direction
  WHERE x.id = $country
  RETURN DISTINCT r
}
WITH startNode(r) AS sender, r, endNode(r) AS destination
ORDER BY r.mentions DESC, sender.name, destination.name
LIMIT $limit
// its first supporting sentences: from the ids the relationship keeps (first_sentences) when
// they are enough, else from its claims, read from the end that has fewer (entity counters);
// only claims have SUBJECT and OBJECT links, so no label test on them
CALL {
  WITH r
  WITH r WHERE size(coalesce(r.first_sentences, [])) >= $sentences
            OR size(coalesce(r.first_sentences, [])) >= r.mentions
  UNWIND r.first_sentences[0..$sentences] AS id
  MATCH (s:Sentence {id: id})
  RETURN collect(s) AS found
  UNION ALL
  WITH sender, r, destination
  WITH sender, r, destination WHERE size(coalesce(r.first_sentences, [])) < $sentences
                                AND size(coalesce(r.first_sentences, [])) < r.mentions
                                AND sender.mentions <= destination.mentions
  MATCH (sender)<-[:SUBJECT]-(c)-[:OBJECT]->(destination)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
  UNION ALL
  WITH sender, r, destination
  WITH sender, r, destination WHERE size(coalesce(r.first_sentences, [])) < $sentences
                                AND size(coalesce(r.first_sentences, [])) < r.mentions
                                AND sender.mentions > destination.mentions
  MATCH (destination)<-[:OBJECT]-(c)-[:SUBJECT]->(sender)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
}
// one list per branch (the others empty); a row is kept when there are none
WITH sender, r, destination, collect(found) AS lists
WITH sender, r, destination, reduce(acc = [], x IN lists | acc + x) AS found
UNWIND CASE WHEN size(found) = 0 THEN [null] ELSE found END AS s
WITH DISTINCT sender, r, destination, s
ORDER BY s.article, s.index
WITH sender, r, destination, collect(s.text) AS sentences
RETURN sender.name AS sender, sender.id AS sender_id,
       destination.name AS destination, destination.id AS destination_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, sender, destination
