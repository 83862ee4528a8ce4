// name: most-active
// description: The actors behind the most events, by the number of sentences reporting events they did; a group local to one article (no country found for it) says so in `local`; with rollup, a country counts with its groups (its government, military, police ...).
// param: type string optional  Only actors of this class (Country, Person, Organization, Group).
// param: rollup bool optional=false  Count each country's groups with the country.
// param: limit int optional=20 min=1 max=1000000  Most rows returned.
// example: kg ask most-active
// example: kg ask most-active -p type=Person -p limit=10
// example: kg ask most-active -p rollup=true -p type=Country
MATCH (member:Entity)
// event_mentions: the event claims an entity is the subject of, kept by the writer
WHERE member.event_mentions > 0
// with rollup, a group with a country is counted as that country (an index seek by id)
WITH member, CASE WHEN $rollup AND member.sector IS NOT NULL AND member.country IS NOT NULL
                  THEN 'country:' + member.country END AS country_id
OPTIONAL MATCH (country:Entity {id: country_id})
WITH coalesce(country, member) AS owner, member
WITH owner, collect(member) AS members, toInteger(sum(member.event_mentions)) AS mentions
WHERE $type IS NULL OR any(label IN labels(owner) WHERE toLower(label) = toLower($type))
WITH owner, members, mentions
ORDER BY mentions DESC, owner.name
LIMIT $limit
UNWIND members AS actor
// its event relationships, one type at a time (faster on FalkorDB than a union of types)
CALL {
  WITH owner, mentions, actor MATCH (actor)-[r:ACCUSED]->() RETURN 'ACCUSED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:ARRESTED]->() RETURN 'ARRESTED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:ATTACKED]->() RETURN 'ATTACKED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:CLASHED_WITH]->() RETURN 'CLASHED_WITH' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:CONDEMNED]->() RETURN 'CONDEMNED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:DEMANDED]->() RETURN 'DEMANDED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:INVADED]->() RETURN 'INVADED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:INVITED]->() RETURN 'INVITED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:KILLED]->() RETURN 'KILLED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:MET_WITH]->() RETURN 'MET_WITH' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:OVERTHREW]->() RETURN 'OVERTHREW' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:PROTESTED_AGAINST]->() RETURN 'PROTESTED_AGAINST' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:RECOGNIZED]->() RETURN 'RECOGNIZED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:SANCTIONED]->() RETURN 'SANCTIONED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:SENT_TROOPS_TO]->() RETURN 'SENT_TROOPS_TO' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:SUPPORTED]->() RETURN 'SUPPORTED' AS relation, count(r) AS events
  UNION ALL
  WITH owner, mentions, actor MATCH (actor)-[r:THREATENED]->() RETURN 'THREATENED' AS relation, count(r) AS events
}
WITH owner, mentions, relation, events
WHERE events > 0
WITH owner, mentions, relation, toInteger(sum(events)) AS events
ORDER BY relation
WITH owner, mentions, toInteger(sum(events)) AS events, collect(relation) AS relations
RETURN owner.name AS actor, owner.id AS actor_id,
       {{entity-class entity=owner}} AS type,
       mentions, events, relations, owner.article AS local
ORDER BY mentions DESC, events DESC, actor
