// name: shortest-path
// description: A shortest chain of relationships between two actors, each step in either direction, over entities and ontology relations only (never through sentences or articles); at most 4 steps.
// param: source string required  Where the path starts (name, alias or id).
// param: target string required  Where the path ends (name, alias or id).
// param: max_hops int optional=4  Longest path accepted, 1 to 4.
// example: kg ask shortest-path -p source=Germany -p target="Gitanas Nauseda"
// example: kg ask shortest-path -p source=Germany -p target="Gitanas Nauseda" -p max_hops=2
MATCH (a:Entity), (b:Entity)
WHERE (a.id = $source OR toLower(a.name) = toLower($source)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source)))
  AND (b.id = $target OR toLower(b.name) = toLower($target)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target)))
  AND a.id <> b.id
// Meet in the middle: every node within 2 steps of the source, reached by one shortest
// half-path, joined with the paths of up to 2 steps from the target to the same node.
// This costs far less than enumerating every 4-step path from the source.
MATCH half = (a)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED*0..2]-(middle:Entity)
WITH b, middle, half
ORDER BY length(half)
WITH b, middle, collect(half)[0] AS half
WITH b, collect(middle) AS middles, collect(half) AS halves
MATCH other = (b)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED*0..2]-(middle:Entity)
WHERE middle IN middles
WITH other, halves[[i IN range(0, size(middles) - 1) WHERE middles[i] = middle][0]] AS half
WITH nodes(half) + reverse(nodes(other))[1..] AS path_nodes,
     relationships(half) + reverse(relationships(other)) AS path_rels
WHERE size(path_rels) >= 1 AND size(path_rels) <= $max_hops
WITH path_nodes, path_rels, reduce(acc = '', n IN path_nodes | acc + n.id + ' ') AS path_key
ORDER BY size(path_rels), path_key
LIMIT 1
RETURN size(path_rels) AS hops,
       [n IN path_nodes | n.name] AS names,
       [n IN path_nodes | n.id] AS ids,
       [rel IN path_rels | type(rel)] AS relations,
       [i IN range(0, size(path_rels) - 1) | startNode(path_rels[i]).id = path_nodes[i].id] AS forward,
       [rel IN path_rels | rel.mentions] AS mentions
