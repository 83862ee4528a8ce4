// name: leaders
// description: Leaders and the countries they lead; the inspector shows each relationship's roles (president, prime minister ...) and first and last dates.
// for: browser
MATCH (leader:Person)-[role:LEADER_OF]->(country:Country)
RETURN leader, role, country
LIMIT 200
