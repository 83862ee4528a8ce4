// name: entity-relations
// description: Every relationship of an entity, outgoing and incoming, most mentioned first.
// param: entity entity required  The entity (name, alias, acronym or id).
// param: relation string optional  Only this relation type (MET_WITH, or "met with").
// param: limit int optional=100 min=1 max=1000000  Most rows returned.
// param: min_confidence float optional=0.6 min=0 max=1  Only relationships kg is at least this sure of (a claim's calibrated confidence; docs/benchmarks.md, Calibration); 0 shows all.
// example: kg ask entity-relations -p entity=Kazakhstan
// example: kg ask entity-relations -p entity=Kazakhstan -p relation=MET_WITH
MATCH (entity:Entity)
WHERE entity.id = $entity
WITH entity, replace(toUpper(trim($relation)), ' ', '_') AS only
// Entities are linked by ontology relations only; naming them skips CO_MENTIONED. One branch
// per type and direction: FalkorDB reads one type at a time faster than a union of types.
// First how many relationships have each mention count, for the threshold: the count of
// the $limit-th most mentioned (every row kept is at or above it, ties included).
CALL {
  WITH entity, only MATCH (entity)-[r:ACCUSED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ACCUSED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:ACCUSED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ACCUSED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:ARRESTED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ARRESTED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:ARRESTED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ARRESTED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:ATTACKED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'ATTACKED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:ATTACKED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ATTACKED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:BASED_IN]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'BASED_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:BASED_IN]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'BASED_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:CAPITAL_OF]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CAPITAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:CAPITAL_OF]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CAPITAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:CLASHED_WITH]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CLASHED_WITH') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:CLASHED_WITH]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CLASHED_WITH') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:CONDEMNED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'CONDEMNED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:CONDEMNED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CONDEMNED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:DEMANDED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'DEMANDED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:DEMANDED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'DEMANDED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:INVADED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVADED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:INVADED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVADED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:INVITED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVITED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:INVITED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVITED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:KILLED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'KILLED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:KILLED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'KILLED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:LEADER_OF]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LEADER_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:LEADER_OF]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LEADER_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:LIVES_IN]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LIVES_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:LIVES_IN]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LIVES_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:LOCATED_IN]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'LOCATED_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:LOCATED_IN]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LOCATED_IN') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:MEMBER_OF]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'MEMBER_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:MEMBER_OF]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MEMBER_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:MET_WITH]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'MET_WITH') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:MET_WITH]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MET_WITH') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:NATIONAL_OF]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'NATIONAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:NATIONAL_OF]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'NATIONAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:OFFICIAL_OF]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'OFFICIAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:OFFICIAL_OF]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OFFICIAL_OF') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:OVERTHREW]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'OVERTHREW') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:OVERTHREW]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OVERTHREW') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:PROTESTED_AGAINST]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'PROTESTED_AGAINST') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:PROTESTED_AGAINST]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'PROTESTED_AGAINST') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:RECOGNIZED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'RECOGNIZED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:RECOGNIZED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'RECOGNIZED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:SANCTIONED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SANCTIONED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:SANCTIONED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SANCTIONED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:SENT_TROOPS_TO]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SENT_TROOPS_TO') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:SENT_TROOPS_TO]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SENT_TROOPS_TO') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:SUPPORTED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'SUPPORTED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:SUPPORTED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SUPPORTED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)-[r:THREATENED]->(other) WHERE r.confidence >= $min_confidence AND (only IS NULL OR only = 'THREATENED') RETURN r.mentions AS mentions
  UNION ALL
  WITH entity, only MATCH (entity)<-[r:THREATENED]-(other) WHERE other <> entity AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'THREATENED') RETURN r.mentions AS mentions
}
WITH entity, only, mentions, count(*) AS relationships
ORDER BY mentions DESC
WITH entity, only, collect([mentions, relationships]) AS counts
WITH entity, only, reduce(acc = [0, null], x IN counts |
     CASE WHEN acc[0] >= $limit THEN acc ELSE [acc[0] + x[1], x[0]] END)[1] AS threshold
// then only the relationships at or above it (the count is indexed)
CALL {
  WITH entity, only, threshold MATCH (entity)-[r:ACCUSED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ACCUSED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:ACCUSED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ACCUSED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:ARRESTED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ARRESTED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:ARRESTED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ARRESTED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:ATTACKED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ATTACKED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:ATTACKED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'ATTACKED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:BASED_IN]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'BASED_IN') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:BASED_IN]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'BASED_IN') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:CAPITAL_OF]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CAPITAL_OF') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:CAPITAL_OF]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CAPITAL_OF') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:CLASHED_WITH]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CLASHED_WITH') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:CLASHED_WITH]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CLASHED_WITH') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:CONDEMNED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CONDEMNED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:CONDEMNED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'CONDEMNED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:DEMANDED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'DEMANDED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:DEMANDED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'DEMANDED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:INVADED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVADED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:INVADED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVADED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:INVITED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVITED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:INVITED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'INVITED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:KILLED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'KILLED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:KILLED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'KILLED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:LEADER_OF]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LEADER_OF') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:LEADER_OF]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LEADER_OF') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:LIVES_IN]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LIVES_IN') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:LIVES_IN]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LIVES_IN') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:LOCATED_IN]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LOCATED_IN') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:LOCATED_IN]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'LOCATED_IN') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:MEMBER_OF]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MEMBER_OF') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:MEMBER_OF]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MEMBER_OF') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:MET_WITH]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MET_WITH') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:MET_WITH]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'MET_WITH') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:NATIONAL_OF]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'NATIONAL_OF') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:NATIONAL_OF]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'NATIONAL_OF') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:OFFICIAL_OF]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OFFICIAL_OF') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:OFFICIAL_OF]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OFFICIAL_OF') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:OVERTHREW]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OVERTHREW') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:OVERTHREW]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'OVERTHREW') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:PROTESTED_AGAINST]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'PROTESTED_AGAINST') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:PROTESTED_AGAINST]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'PROTESTED_AGAINST') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:RECOGNIZED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'RECOGNIZED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:RECOGNIZED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'RECOGNIZED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:SANCTIONED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SANCTIONED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:SANCTIONED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SANCTIONED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:SENT_TROOPS_TO]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SENT_TROOPS_TO') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:SENT_TROOPS_TO]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SENT_TROOPS_TO') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:SUPPORTED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SUPPORTED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:SUPPORTED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'SUPPORTED') RETURN r, other, 'in' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)-[r:THREATENED]->(other) WHERE r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'THREATENED') RETURN r, other, 'out' AS direction
  UNION ALL
  WITH entity, only, threshold MATCH (entity)<-[r:THREATENED]-(other) WHERE other <> entity AND r.mentions >= threshold AND r.confidence >= $min_confidence AND (only IS NULL OR only = 'THREATENED') RETURN r, other, 'in' AS direction
}
// sort on the keys alone; the other columns only for the rows kept
WITH entity, r, other, direction
ORDER BY r.mentions DESC, direction DESC, type(r), other.name
LIMIT $limit
RETURN entity.name AS entity, entity.id AS entity_id, direction,
       type(r) AS relation, other.name AS other, other.id AS other_id,
       {{entity-class entity=other}} AS other_type,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, r.roles AS roles
ORDER BY mentions DESC, direction DESC, relation, other
