// name: entity-neighbourhood
// description: One entity and every entity related to it, in either direction. Set the entity first (a name, an alias or an id), e.g. :param name => 'Kazakhstan'
// for: browser
MATCH (entity:Entity)
WHERE entity.id = $name OR toLower(entity.name) = toLower($name)
   OR any(alias IN coalesce(entity.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (entity)-[relation]-(other:Entity)
WHERE type(relation) <> 'CO_MENTIONED'
RETURN entity, relation, other
LIMIT 200
