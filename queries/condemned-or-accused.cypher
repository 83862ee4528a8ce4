// name: condemned-or-accused
// description: Who condemned or accused an actor, with the sentences that say so.
// param: target entity required  The actor condemned or accused (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask condemned-or-accused -p target=Russia
MATCH (target:Entity)
WHERE target.id = $target
MATCH (actor:Entity)-[r:CONDEMNED|ACCUSED]->(target)
WHERE r.confidence >= $min_confidence
WITH actor AS subject, r, target AS object
ORDER BY r.mentions DESC, subject.name, type(r)
LIMIT $limit
// include: supporting-sentences
RETURN subject.name AS actor, subject.id AS actor_id, type(r) AS relation,
       object.name AS target, object.id AS target_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, actor, relation
