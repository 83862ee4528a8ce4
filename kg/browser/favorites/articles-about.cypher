// name: articles-about
// description: The articles that mention an entity, most mentions first. Set the entity first (a name, an alias or an id), e.g. :param name => 'Kazakhstan'
MATCH (entity:Entity)
WHERE entity.id = $name OR toLower(entity.name) = toLower($name)
   OR any(alias IN coalesce(entity.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:MENTIONS]->(entity)
RETURN article.title AS title, article.published AS published, article.url AS url,
       count(DISTINCT sentence) AS sentences
ORDER BY sentences DESC, published DESC, title
LIMIT 50
