// name: label-counts
// description: How many nodes carry each label (Entity, each entity class, Article, Sentence).
// example: kg ask label-counts
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY label
