// name: relation-counts
// description: How many relationships there are of each type, with the sentences behind them.
// example: kg ask relation-counts
MATCH (k:Count)
// the Count nodes the writer keeps exact (no scan of the graph)
WHERE k.kind = 'relationship' AND k.count > 0
RETURN k.id AS relation, k.count AS relationships, k.mentions AS mentions
ORDER BY relation
