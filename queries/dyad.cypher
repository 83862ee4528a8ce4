// name: dyad
// description: The events between two actors, month by month and in both directions: for each quad class (verbal or material cooperation or conflict), the sentences that report such events, their mean Goldstein intensity (-10 most conflictual, +10 most cooperative) and the relations; a sentence's month is its event's own date, else its article's publication. Quad classes and intensities are the ontology's (ontology/kg.ttl, after CAMEO and Goldstein 1992).
// param: a entity required  One actor (name, alias, acronym or id).
// param: b entity required  The other actor (name, alias, acronym or id).
// param: min_confidence float optional=0.6 min=0 max=1  Only sentences kg is at least this sure of; 0 counts all.
// param: quad_classes ontology optional  The quad class of each event relation (bound from the ontology).
// param: goldstein ontology optional  The Goldstein value of each event relation (bound from the ontology).
// example: kg ask dyad -p a=Russia -p b=Ukraine
MATCH (a:Entity)
WHERE a.id = $a
MATCH (b:Entity)
WHERE b.id = $b
// the claims in each direction (a relation's claims link its two ends)
CALL {
  WITH a, b
  MATCH {{claims-of subject=a claim=c object=b}}
  RETURN c, true AS from_a
  UNION ALL
  WITH a, b
  MATCH {{claims-of subject=b claim=c object=a}}
  WHERE a <> b
  RETURN c, false AS from_a
}
WITH c, from_a
WHERE $quad_classes[c.relation] IS NOT NULL AND c.confidence >= $min_confidence
MATCH (article:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c)
WITH c.relation AS relation, from_a, left(coalesce(c.date, article.published), 7) AS month
WITH month, $quad_classes[relation] AS quad_class, $goldstein[relation] AS intensity, relation, from_a
ORDER BY relation
RETURN coalesce(month, 'undated') AS month, quad_class, count(*) AS sentences,
       toInteger(sum(CASE WHEN from_a THEN 1 ELSE 0 END)) AS from_a,
       toInteger(sum(CASE WHEN from_a THEN 0 ELSE 1 END)) AS from_b,
       round(avg(intensity) * 10) / 10 AS goldstein, collect(DISTINCT relation) AS relations
ORDER BY month, goldstein, quad_class
