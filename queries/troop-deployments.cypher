// name: troop-deployments
// description: Who sent troops where, with the sentences that say so.
// param: country string optional  Only deployments by or to this country or actor (name, alias or id).
// param: sentences int optional=3  Supporting sentences shown per row.
// param: limit int optional=50  Most rows returned.
// example: kg ask troop-deployments
// example: kg ask troop-deployments -p country=Kazakhstan
MATCH (sender:Entity)-[r:SENT_TROOPS_TO]->(destination:Entity)
WHERE $country IS NULL
   OR (sender.id = $country OR toLower(sender.name) = toLower($country)
       OR any(alias IN coalesce(sender.aliases, []) WHERE toLower(alias) = toLower($country)))
   OR (destination.id = $country OR toLower(destination.name) = toLower($country)
       OR any(alias IN coalesce(destination.aliases, []) WHERE toLower(alias) = toLower($country)))
WITH sender, r, destination
ORDER BY r.mentions DESC, sender.name, destination.name
LIMIT $limit
OPTIONAL MATCH (s:Sentence) WHERE s.id IN r.sentence_ids[0..$sentences]
WITH sender, r, destination, s
ORDER BY s.article, s.index
WITH sender, r, destination, collect(s.text) AS sentences
RETURN sender.name AS sender, sender.id AS sender_id,
       destination.name AS destination, destination.id AS destination_id,
       r.mentions AS mentions, size(r.article_ids) AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, sender, destination
