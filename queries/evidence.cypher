// name: evidence
// description: The sentences and articles behind the relationships from one actor to another, one row per supporting sentence.
// param: subject entity required  The actor the relationship starts from (name, alias, acronym or id).
// param: relation string optional  Only this relation type (SENT_TROOPS_TO, or "sent troops to").
// param: object entity required  The actor or place it points to (name, alias, acronym or id).
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask evidence -p subject=Russia -p relation=SENT_TROOPS_TO -p object=Kazakhstan
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE subject.id = $subject
  AND object.id = $object
  AND type(r) <> 'CO_MENTIONED'
  AND ($relation IS NULL OR type(r) = replace(toUpper(trim($relation)), ' ', '_'))
// the claims behind it, from the end with fewer claims (entity counters)
CALL {
  WITH subject, r, object
  WITH subject, r, object WHERE subject.mentions <= object.mentions
  MATCH (subject)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(object)
  WHERE c.relation = type(r)
  RETURN c
  UNION
  WITH subject, r, object
  WITH subject, r, object WHERE subject.mentions > object.mentions
  MATCH (object)<-[:OBJECT]-(c:Claim)-[:SUBJECT]->(subject)
  WHERE c.relation = type(r)
  RETURN c
}
// (FalkorDB: a variable a CALL returns is bound in a MATCH only after a WITH)
WITH subject, r, object, c
MATCH (article:Article)-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(c)
RETURN subject.name AS subject, type(r) AS relation, object.name AS object,
       s.text AS sentence, s.id AS sentence_id, c.article AS article_id,
       article.title AS title, article.url AS url, article.published AS published,
       c.confidence AS confidence, c.modality AS modality, c.date AS date,
       s.index AS sentence_index
ORDER BY published, article_id, sentence_index, relation
LIMIT $limit
