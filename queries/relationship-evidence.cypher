// name: relationship-evidence
// description: The claims behind one relationship, with their sentences, articles, dates, modality and confidence. Click the relationship to read its type and ends, then e.g. :param subject => 'Russia', :param relation => 'SENT_TROOPS_TO', :param object => 'Kazakhstan' (names or ids)
// for: browser
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE (subject.id = $subject OR toLower(subject.name) = toLower($subject))
  AND type(r) = $relation
  AND (object.id = $object OR toLower(object.name) = toLower($object))
MATCH {{claims-of}}
WHERE claim.relation = type(r)
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(claim)
RETURN sentence.text AS sentence, article.title AS title, article.url AS url,
       article.published AS published, claim.date AS date, claim.modality AS modality,
       claim.confidence AS confidence, sentence.id AS sentence_id
ORDER BY published, sentence_id
