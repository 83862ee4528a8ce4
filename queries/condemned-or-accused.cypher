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
// each supporting sentence by its id (an index lookup, not a scan of every sentence)
UNWIND CASE WHEN size(r.sentence_ids[0..$sentences]) = 0 THEN [null]
            ELSE r.sentence_ids[0..$sentences] END AS sentence_id
OPTIONAL MATCH (s:Sentence {id: sentence_id})
WITH DISTINCT actor, r, target, s
ORDER BY s.article, s.index
WITH actor, r, target, collect(s.text) AS sentences
RETURN actor.name AS actor, actor.id AS actor_id, type(r) AS relation,
       target.name AS target, target.id AS target_id,
       r.mentions AS mentions, size(r.article_ids) AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, actor, relation
