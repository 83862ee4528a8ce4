// name: shortest-path
// description: A shortest chain of relationships between two actors, each step in either direction, over entities and ontology relations only (never through sentences or articles); at most 4 steps.
// param: source entity required  Where the path starts (name, alias, acronym or id).
// param: target entity required  Where the path ends (name, alias, acronym or id).
// param: max_hops int optional=4 min=1 max=4  Longest path accepted.
// example: kg ask shortest-path -p source=Germany -p target="Gitanas Nauseda"
// example: kg ask shortest-path -p source=Germany -p target="Gitanas Nauseda" -p max_hops=2
MATCH (a:Entity), (b:Entity)
WHERE a.id = $source
  AND b.id = $target
  AND a.id <> b.id
// breadth-first from the end with fewer relationships (far cheaper when the other is a hub)
CALL {
  WITH a
  MATCH (a)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]-()
  WITH a LIMIT 1000
  RETURN count(*) AS a_degree
}
CALL {
  WITH b
  MATCH (b)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED]-()
  WITH b LIMIT 1000
  RETURN count(*) AS b_degree
}
WITH a, b, a_degree <= b_degree AS from_a
CALL {
  WITH a, b, from_a
  WITH a, b WHERE from_a
  MATCH path = allShortestPaths((a)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED*1..4]-(b))
  RETURN nodes(path) AS path_nodes, relationships(path) AS path_rels
  UNION
  WITH a, b, from_a
  WITH a, b WHERE NOT from_a
  MATCH path = allShortestPaths((b)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED*1..4]-(a))
  RETURN reverse(nodes(path)) AS path_nodes, reverse(relationships(path)) AS path_rels
}
WITH path_nodes, path_rels
WHERE size(path_rels) <= $max_hops
WITH path_nodes, path_rels,
     reduce(acc = '', i IN range(0, size(path_rels) - 1) | acc + path_nodes[i].id + ' ' + type(path_rels[i])
            + CASE WHEN startNode(path_rels[i]) = path_nodes[i] THEN '> ' ELSE '< ' END) + last(path_nodes).id AS path_key
ORDER BY size(path_rels), path_key
LIMIT 1
RETURN size(path_rels) AS hops,
       [n IN path_nodes | n.name] AS names,
       [n IN path_nodes | n.id] AS ids,
       [rel IN path_rels | type(rel)] AS relations,
       [i IN range(0, size(path_rels) - 1) | startNode(path_rels[i]).id = path_nodes[i].id] AS forward,
       [rel IN path_rels | rel.mentions] AS mentions
