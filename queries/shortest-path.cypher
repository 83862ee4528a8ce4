// name: shortest-path
// description: The shortest chain of relationships between two actors, in either direction, over entities and ontology relations only (never through sentences or articles); paths of at most 4 hops.
// param: source string required  Where the path starts (name, alias or id).
// param: target string required  Where the path ends (name, alias or id).
// param: max_hops int optional=4  Longest path accepted, 1 to 4.
// example: kg ask shortest-path -p source=Russia -p target=Tokayev
MATCH (a:Entity), (b:Entity)
WHERE (a.id = $source OR toLower(a.name) = toLower($source)
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($source)))
  AND (b.id = $target OR toLower(b.name) = toLower($target)
       OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($target)))
  AND a.id <> b.id
MATCH p = (a)-[:ACCUSED|ARRESTED|ATTACKED|BASED_IN|CAPITAL_OF|CLASHED_WITH|CONDEMNED|DEMANDED|INVADED|INVITED|KILLED|LEADER_OF|LIVES_IN|LOCATED_IN|MEMBER_OF|MET_WITH|NATIONAL_OF|OFFICIAL_OF|OVERTHREW|PROTESTED_AGAINST|RECOGNIZED|SANCTIONED|SENT_TROOPS_TO|SUPPORTED|THREATENED*1..4]-(b)
WHERE length(p) <= $max_hops
WITH p, reduce(acc = '', n IN nodes(p) | acc + n.id + ' ') AS path_key
ORDER BY length(p), path_key
LIMIT 1
RETURN length(p) AS hops,
       [n IN nodes(p) | n.name] AS names,
       [n IN nodes(p) | n.id] AS ids,
       [rel IN relationships(p) | type(rel)] AS relations,
       [i IN range(0, length(p) - 1) | startNode(relationships(p)[i]).id = nodes(p)[i].id] AS forward,
       [rel IN relationships(p) | rel.mentions] AS mentions
