// name: condemned-or-accused
// description: Who condemned or accused an actor, with the sentences that say so.
// param: target entity required  The actor condemned or accused (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask condemned-or-accused -p target=Russia
MATCH (target:Entity)
WHERE target.id = $target
MATCH (actor:Entity)-[r:CONDEMNED|ACCUSED]->(target)
WITH actor, r, target
ORDER BY r.mentions DESC, actor.name, type(r)
LIMIT $limit
// its first supporting sentences: claims read from the end that has fewer (entity counters)
CALL {
  WITH actor, r, target
  WITH actor, r, target WHERE actor.mentions <= target.mentions
  MATCH (actor)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(target)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  RETURN collect(c) AS claims
  UNION
  WITH actor, r, target
  WITH actor, r, target WHERE actor.mentions > target.mentions
  MATCH (target)<-[:OBJECT]-(c:Claim)-[:SUBJECT]->(actor)
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  RETURN collect(c) AS claims
}
// one list per branch (the other one empty); a row is kept when there are none
WITH actor, r, target, collect(claims) AS lists
WITH actor, r, target, reduce(acc = [], x IN lists | acc + x) AS claims
UNWIND CASE WHEN size(claims) = 0 THEN [null] ELSE claims END AS c
OPTIONAL MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
WITH DISTINCT actor, r, target, s
ORDER BY s.article, s.index
WITH actor, r, target, collect(s.text) AS sentences
RETURN actor.name AS actor, actor.id AS actor_id, type(r) AS relation,
       target.name AS target, target.id AS target_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, actor, relation
