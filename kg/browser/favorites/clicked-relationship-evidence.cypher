// name: clicked-relationship-evidence
// description: The evidence of the relationship you clicked, as a graph: copy the <elementId> the inspector shows for it, :param rel => '<that id>', and run; its sentences and articles join both entities.
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE elementId(r) = $rel
UNWIND r.sentence_ids AS sentence_id
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence {id: sentence_id})
RETURN subject, r, object, sentence, article
