// name: troop-deployments
// description: Who sent troops where, with each sentence that says so and its article; with "Connect result nodes" on (the default), the sentences hang off both entities through MENTIONS.
MATCH (sender:Entity)-[deployment:SENT_TROOPS_TO]->(target:Entity)
UNWIND deployment.sentence_ids AS sentence_id
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence {id: sentence_id})
RETURN sender, deployment, target, sentence, article
LIMIT 300
