// A part: the claims behind a relationship between `subject` and `object`, walked from the
// object (the end with fewer claims is the cheaper one to start from): the pattern of
// claims-of.cypher the other way round.
// variables: subject, claim, object
(object)<-[:OBJECT]-(claim)-[:SUBJECT]->(subject)
