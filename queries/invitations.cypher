// name: invitations
// description: Who invited whom, with the sentences that say so.
// param: actor entity optional  Only invitations by or to this actor (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask invitations
// example: kg ask invitations -p actor=Kazakhstan
UNWIND CASE WHEN $actor IS NULL THEN range(0, 30) ELSE [] END AS power
// Without an entity, only the relationships at or above a threshold are ranked: the highest
// power of two that at least $limit relationships reach (`mentions` is indexed), found by
// probing the index with each candidate (each probe reads at most $limit); every one of the
// top $limit is at or above it, so the rows are those of ranking them all.
WITH toInteger(2 ^ power) AS threshold
CALL {
  WITH threshold
  MATCH ()-[r:INVITED]->()
  WHERE r.mentions >= threshold
  WITH r LIMIT $limit
  RETURN count(r) AS reached
}
WITH max(CASE WHEN reached >= $limit THEN threshold END) AS threshold
// with an entity, a threshold no relationship reaches: the first branch reads nothing
WITH CASE WHEN $actor IS NULL THEN coalesce(threshold, 0) ELSE 2 ^ 62 END AS threshold
CALL {
  WITH threshold
  MATCH ()-[r:INVITED]->()
  WHERE r.mentions >= threshold
  RETURN r
  UNION ALL
  WITH threshold
  MATCH (x:Entity)-[r:INVITED]-(:Entity)  // the entity's invitations, in either direction
  WHERE x.id = $actor
  RETURN DISTINCT r
}
WITH startNode(r) AS inviter, r, endNode(r) AS invitee
ORDER BY r.mentions DESC, inviter.name, invitee.name
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
  WITH inviter, r, invitee
  WITH inviter, r, invitee WHERE size(coalesce(r.first_sentences, [])) < $sentences
                                AND size(coalesce(r.first_sentences, [])) < r.mentions
                                AND inviter.mentions <= invitee.mentions
  MATCH (inviter)<-[:SUBJECT]-(c)-[:OBJECT]->(invitee)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
  UNION ALL
  WITH inviter, r, invitee
  WITH inviter, r, invitee WHERE size(coalesce(r.first_sentences, [])) < $sentences
                                AND size(coalesce(r.first_sentences, [])) < r.mentions
                                AND inviter.mentions > invitee.mentions
  MATCH (invitee)<-[:OBJECT]-(c)-[:SUBJECT]->(inviter)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
}
// one list per branch (the others empty); a row is kept when there are none
WITH inviter, r, invitee, collect(found) AS lists
WITH inviter, r, invitee, reduce(acc = [], x IN lists | acc + x) AS found
UNWIND CASE WHEN size(found) = 0 THEN [null] ELSE found END AS s
WITH DISTINCT inviter, r, invitee, s
ORDER BY s.article, s.index
WITH inviter, r, invitee, collect(s.text) AS sentences
RETURN inviter.name AS inviter, inviter.id AS inviter_id,
       invitee.name AS invitee, invitee.id AS invitee_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, inviter, invitee
