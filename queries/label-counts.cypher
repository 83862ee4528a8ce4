// name: label-counts
// description: How many nodes carry each label (Entity, each entity class, Article, Sentence).
// example: kg ask label-counts
MATCH (k:Count)
// the Count nodes the writer keeps exact (no scan of the graph)
WHERE k.kind = 'label' AND k.count > 0
RETURN k.id AS label, k.count AS nodes
ORDER BY label
