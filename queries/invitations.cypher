// name: invitations
// description: Who invited whom, with the sentences that say so.
// param: actor entity optional  Only invitations by or to this actor (name, alias, acronym or id).
// param: sentences int optional=3 min=0 max=1000  Supporting sentences shown per row.
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
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
  WHERE r.mentions >= threshold AND r.confidence >= $min_confidence
  WITH r LIMIT $limit
  RETURN count(r) AS reached
}
WITH max(CASE WHEN reached >= $limit THEN threshold END) AS threshold
// with an entity, a threshold no relationship reaches: the first branch reads nothing
WITH CASE WHEN $actor IS NULL THEN coalesce(threshold, 0) ELSE 2 ^ 62 END AS threshold
CALL {
  WITH threshold
  MATCH ()-[r:INVITED]->()
  WHERE r.mentions >= threshold AND r.confidence >= $min_confidence
  RETURN r
  UNION ALL
  WITH threshold
  MATCH (x:Entity)-[r:INVITED]-(:Entity)  // the entity's invitations, in either direction
  WHERE x.id = $actor
  WITH DISTINCT r WHERE r.confidence >= $min_confidence
  RETURN r
}
WITH startNode(r) AS subject, r, endNode(r) AS object
ORDER BY r.mentions DESC, subject.name, object.name
LIMIT $limit
// include: supporting-sentences
RETURN subject.name AS inviter, subject.id AS inviter_id,
       object.name AS invitee, object.id AS invitee_id,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, inviter, invitee
