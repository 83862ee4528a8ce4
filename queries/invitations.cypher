// name: invitations
// description: Who invited whom, with the sentences that say so.
// param: actor entity optional  Only invitations by or to this actor (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask invitations
// example: kg ask invitations -p actor=Kazakhstan
MATCH (x:Entity)  // the entities named (every one when none is), then their invitations
WHERE $actor IS NULL
   OR x.id = $actor
MATCH (x)-[r:INVITED]-(:Entity)
WITH DISTINCT r
WITH startNode(r) AS inviter, r, endNode(r) AS invitee
ORDER BY r.mentions DESC, inviter.name, invitee.name
LIMIT $limit
// its first supporting sentences: claims read from the end that has fewer (entity counters)
CALL {
  WITH inviter, r, invitee
  WITH inviter, r, invitee WHERE inviter.mentions <= invitee.mentions
  MATCH (inviter)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(invitee)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  RETURN collect(c) AS claims
  UNION
  WITH inviter, r, invitee
  WITH inviter, r, invitee WHERE inviter.mentions > invitee.mentions
  MATCH (invitee)<-[:OBJECT]-(c:Claim)-[:SUBJECT]->(inviter)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  RETURN collect(c) AS claims
}
// one list per branch (the other one empty); a row is kept when there are none
WITH inviter, r, invitee, collect(claims) AS lists
WITH inviter, r, invitee, reduce(acc = [], x IN lists | acc + x) AS claims
UNWIND CASE WHEN size(claims) = 0 THEN [null] ELSE claims END AS c
OPTIONAL MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
WITH DISTINCT inviter, r, invitee, s
ORDER BY s.article, s.index
WITH inviter, r, invitee, collect(s.text) AS sentences
RETURN inviter.name AS inviter, inviter.id AS inviter_id,
       invitee.name AS invitee, invitee.id AS invitee_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, inviter, invitee
