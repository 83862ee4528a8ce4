// name: articles-about
// description: Articles that mention an entity in an extracted fact, newest first, with how many of their sentences do.
// param: entity string required  The entity (name, alias or id).
// param: limit int optional=50  Most rows returned.
// example: kg ask articles-about -p entity=Kazakhstan
MATCH (entity:Entity)<-[:MENTIONS]-(s:Sentence)<-[:HAS_SENTENCE]-(article:Article)
WHERE entity.id = $entity OR toLower(entity.name) = toLower($entity)
   OR any(alias IN coalesce(entity.aliases, []) WHERE toLower(alias) = toLower($entity))
WITH article, count(DISTINCT s) AS sentences
RETURN article.id AS article_id, article.title AS title, article.url AS url,
       article.published AS published, sentences
ORDER BY coalesce(published, '') DESC, article_id
LIMIT $limit
