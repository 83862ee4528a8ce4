// name: articles-about
// description: Articles that mention an entity in an extracted fact, newest first, with how many of their sentences do.
// param: entity entity required  The entity (name, alias, acronym or id).
// param: limit int optional=50 min=1 max=1000000  Most rows returned.
// example: kg ask articles-about -p entity=Kazakhstan
// for: kg, browser
MATCH (entity:Entity)
WHERE entity.id = $entity
// one MENTIONS per article, carrying the indexes of its sentences whose claims name the entity
MATCH (entity)<-[m:MENTIONS]-(article:Article)
WITH article, m
ORDER BY coalesce(article.published, '') DESC, article.id
LIMIT $limit
RETURN article.id AS article_id, article.title AS title, article.url AS url,
       article.published AS published, size(m.sentences) AS sentences
ORDER BY coalesce(published, '') DESC, article_id
