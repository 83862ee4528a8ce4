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
  AND ($relation IS NULL OR type(r) = replace(toUpper(trim($relation)), ' ', '_'))
UNWIND range(0, size(r.sentence_ids) - 1) AS i
WITH subject, r, object, i, r.sentence_ids[i] AS sentence_id, r.ev_article[i] AS article_id
OPTIONAL MATCH (s:Sentence {id: sentence_id})
OPTIONAL MATCH (article:Article {id: article_id})
RETURN subject.name AS subject, type(r) AS relation, object.name AS object,
       s.text AS sentence, sentence_id, article_id,
       article.title AS title, article.url AS url, article.published AS published,
       r.ev_confidence[i] AS confidence, r.ev_modality[i] AS modality,
       CASE WHEN r.ev_date[i] = '' THEN null ELSE r.ev_date[i] END AS date,
       s.index AS sentence_index
ORDER BY published, article_id, sentence_index, relation
LIMIT $limit
