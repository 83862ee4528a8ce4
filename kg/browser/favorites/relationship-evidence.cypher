// name: relationship-evidence
// description: The sentences behind one relationship, with their articles, dates, modality and confidence. Click the relationship to read its type and ends, then e.g. :param subject => 'Russia', :param relation => 'SENT_TROOPS_TO', :param object => 'Kazakhstan' (names or ids)
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE (subject.id = $subject OR toLower(subject.name) = toLower($subject))
  AND type(r) = $relation
  AND (object.id = $object OR toLower(object.name) = toLower($object))
UNWIND range(0, size(r.sentence_ids) - 1) AS i
WITH r, i, r.sentence_ids[i] AS sentence_id
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence {id: sentence_id})
RETURN sentence.text AS sentence, article.title AS title, article.url AS url,
       article.published AS published,
       CASE WHEN r.ev_date[i] = '' THEN null ELSE r.ev_date[i] END AS date,
       r.ev_modality[i] AS modality, r.ev_confidence[i] AS confidence, sentence_id
ORDER BY published, sentence_id
