// A part: the claims behind a relationship between `subject` and `object`, walked from the
// subject, as a pattern: `MATCH {{claims-of claim=c}} WHERE c.relation = type(r)`. Only
// claims have SUBJECT and OBJECT links, so `claim` needs no label test (which would cost a
// look-up per claim).
// variables: subject, claim, object
(subject)<-[:SUBJECT]-(claim)-[:OBJECT]->(object)
