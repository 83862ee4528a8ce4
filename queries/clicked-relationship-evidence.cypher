// name: clicked-relationship-evidence
// description: The claims behind the relationship you clicked, as a graph: copy the <elementId> the inspector shows for it, :param rel => '<that id>', and run; its claims, their sentences and articles join both entities.
// for: browser
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE elementId(r) = $rel
MATCH {{claims-of}}
WHERE claim.relation = type(r)
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(claim)
RETURN subject, r, object, claim, sentence, article
