// A part of named queries, spliced in where a query says `// include: supporting-sentences`.
// In: `subject`, `r` (the typed relationship from subject to object) and `object`, one row
// each, and the query's $sentences parameter. Out: the same rows with `sentences`, the texts
// of up to $sentences sentences supporting r in article and sentence order.
// The sentences come from the ids the relationship keeps (first_sentences) when they are
// enough, else from its claims, read from the end that has fewer (entity counters);
CALL {
  WITH r
  WITH r WHERE size(coalesce(r.first_sentences, [])) >= $sentences
            OR size(coalesce(r.first_sentences, [])) >= r.mentions
  UNWIND r.first_sentences[0..$sentences] AS id
  MATCH (s:Sentence {id: id})
  RETURN collect(s) AS found
  UNION ALL
  WITH subject, r, object
  WITH subject, r, object WHERE size(coalesce(r.first_sentences, [])) < $sentences
                          AND size(coalesce(r.first_sentences, [])) < r.mentions
                          AND subject.mentions <= object.mentions
  MATCH {{claims-of claim=c}}
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
  UNION ALL
  WITH subject, r, object
  WITH subject, r, object WHERE size(coalesce(r.first_sentences, [])) < $sentences
                          AND size(coalesce(r.first_sentences, [])) < r.mentions
                          AND subject.mentions > object.mentions
  MATCH {{claims-of-from-object claim=c}}
  WHERE c.relation = type(r)
  WITH c LIMIT $sentences
  MATCH (s:Sentence)-[:HAS_CLAIM]->(c)
  RETURN collect(s) AS found
}
// one list per branch (the others empty); a row is kept when there are none
WITH subject, r, object, collect(found) AS lists
WITH subject, r, object, reduce(acc = [], x IN lists | acc + x) AS found
UNWIND CASE WHEN size(found) = 0 THEN [null] ELSE found END AS s
WITH DISTINCT subject, r, object, s
ORDER BY s.article, s.index
WITH subject, r, object, collect(s.text) AS sentences
