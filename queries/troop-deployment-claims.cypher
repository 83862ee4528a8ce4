// name: troop-deployment-claims
// description: Who sent troops where, with each claim that says so, its sentence and article; with "Connect result nodes" on (the default), each claim hangs off both entities through SUBJECT and OBJECT.
// for: browser
MATCH (sender:Entity)-[deployment:SENT_TROOPS_TO]->(target:Entity)
MATCH {{claims-of subject=sender, object=target}}
WHERE claim.relation = 'SENT_TROOPS_TO'
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(claim)
RETURN sender, deployment, target, claim, sentence, article
LIMIT 300
