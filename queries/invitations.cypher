// name: invitations
// description: Who invited whom, with the sentences that say so.
// param: actor string optional  Only invitations by or to this actor (name, alias or id).
// param: sentences int optional=3  Supporting sentences shown per row.
// param: limit int optional=50  Most rows returned.
// example: kg ask invitations
// example: kg ask invitations -p actor=Kazakhstan
MATCH (inviter:Entity)-[r:INVITED]->(invitee:Entity)
WHERE $actor IS NULL
   OR (inviter.id = $actor OR toLower(inviter.name) = toLower($actor)
       OR any(alias IN coalesce(inviter.aliases, []) WHERE toLower(alias) = toLower($actor)))
   OR (invitee.id = $actor OR toLower(invitee.name) = toLower($actor)
       OR any(alias IN coalesce(invitee.aliases, []) WHERE toLower(alias) = toLower($actor)))
WITH inviter, r, invitee
ORDER BY r.mentions DESC, inviter.name, invitee.name
LIMIT $limit
OPTIONAL MATCH (s:Sentence) WHERE s.id IN r.sentence_ids[0..$sentences]
WITH inviter, r, invitee, s
ORDER BY s.article, s.index
WITH inviter, r, invitee, collect(s.text) AS sentences
RETURN inviter.name AS inviter, inviter.id AS inviter_id,
       invitee.name AS invitee, invitee.id AS invitee_id,
       r.mentions AS mentions, size(r.article_ids) AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, sentences
ORDER BY mentions DESC, inviter, invitee
