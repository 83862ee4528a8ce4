// name: evidence
// description: The sentences and articles behind the relationships from one actor to another, one row per supporting sentence.
// param: subject entity required  The actor the relationship starts from (name, alias, acronym or id).
// param: relation string optional  Only this relation type (SENT_TROOPS_TO, or "sent troops to").
// param: object entity required  The actor or place it points to (name, alias, acronym or id).
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask evidence -p subject=Russia -p relation=SENT_TROOPS_TO -p object=Kazakhstan
MATCH (subject:Entity)
WHERE subject.id = $subject
MATCH (object:Entity)
WHERE object.id = $object
WITH subject, object, replace(toUpper(trim($relation)), ' ', '_') AS only
// the typed relationships from subject to object, one type at a time (on FalkorDB much faster
// than an untyped traversal of a hub's relationships)
CALL {
  WITH subject, object, only MATCH (subject)-[r:ACCUSED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ACCUSED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:ARRESTED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ARRESTED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:ATTACKED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ATTACKED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:BASED_IN]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'BASED_IN') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:CAPITAL_OF]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CAPITAL_OF') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:CLASHED_WITH]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CLASHED_WITH') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:CONDEMNED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CONDEMNED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:DEMANDED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'DEMANDED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:INVADED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVADED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:INVITED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVITED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:KILLED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'KILLED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:LEADER_OF]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LEADER_OF') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:LIVES_IN]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LIVES_IN') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:LOCATED_IN]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LOCATED_IN') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:MEMBER_OF]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'MEMBER_OF') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:MET_WITH]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'MET_WITH') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:NATIONAL_OF]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'NATIONAL_OF') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:OFFICIAL_OF]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'OFFICIAL_OF') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:OVERTHREW]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'OVERTHREW') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:PROTESTED_AGAINST]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'PROTESTED_AGAINST') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:RECOGNIZED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'RECOGNIZED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:SANCTIONED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SANCTIONED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:SENT_TROOPS_TO]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SENT_TROOPS_TO') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:SUPPORTED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SUPPORTED') RETURN r
  UNION ALL
  WITH subject, object, only MATCH (subject)-[r:THREATENED]->(object) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'THREATENED') RETURN r
}
WITH subject, object, collect(type(r)) AS relations
// the claims behind them, walked once from the end with fewer claims (entity counters)
CALL {
  WITH subject, object, relations
  WITH subject, object, relations WHERE subject.mentions <= object.mentions
  MATCH {{claims-of claim=c}}
  WHERE c.relation IN relations
  RETURN c
  UNION ALL
  WITH subject, object, relations
  WITH subject, object, relations WHERE subject.mentions > object.mentions
  MATCH {{claims-of-from-object claim=c}}
  WHERE c.relation IN relations
  RETURN c
}
// (FalkorDB: a variable a CALL returns is bound in a MATCH only after a WITH)
WITH subject, object, c
MATCH (article:Article)-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(c)
// who the sentence says it (a reported claim's source), by name
OPTIONAL MATCH (speaker:Entity {id: c.attributed_to})
RETURN subject.name AS subject, c.relation AS relation, object.name AS object,
       s.text AS sentence, s.id AS sentence_id, c.article AS article_id,
       article.title AS title, article.url AS url, article.published AS published,
       c.confidence AS confidence, c.modality AS modality, c.date AS date,
       speaker.name AS attributed_to, s.index AS sentence_index
ORDER BY published, article_id, sentence_index, relation
LIMIT $limit
