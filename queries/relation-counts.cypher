// name: relation-counts
// description: How many relationships there are of each type, with the sentences behind them.
// example: kg ask relation-counts
MATCH ()-[r]->()
RETURN type(r) AS relation, count(r) AS relationships, toInteger(sum(coalesce(r.mentions, 0))) AS mentions
ORDER BY relation
