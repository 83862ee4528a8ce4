// name: label-counts
// description: How many nodes carry each label (Entity, each entity class, Article, Sentence).
// example: kg ask label-counts
MATCH (n)
WITH labels(n) AS labels, count(*) AS nodes
UNWIND labels AS label
RETURN label, toInteger(sum(nodes)) AS nodes
ORDER BY label
