"""Neo4j Browser assets shipped with kg: the GraSS stylesheet and starter favourites."""
