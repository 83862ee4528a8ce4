// name: relation-counts
// description: How many relationships there are of each type, with the sentences behind them: first the ontology's relations (the facts, each with its claims), then the graph's own structure (articles, sentences, claims, co-mentions).
// example: kg ask relation-counts
MATCH (k:Count)
// the Count nodes the writer keeps exact (no scan of the graph)
WHERE k.kind = 'relationship' AND k.count > 0
// only the ontology's relationships carry claims (mentions); the structure's carry none
RETURN CASE WHEN k.mentions > 0 THEN 'fact' ELSE 'structure' END AS kind,
       k.id AS relation, k.count AS relationships, k.mentions AS mentions
ORDER BY kind, relation
