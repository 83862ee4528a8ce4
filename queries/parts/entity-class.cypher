// A part: the ontology class of the entity node `entity` (its one label besides Entity),
// as an expression: `{{entity-class entity=other}}` in a query, part("entity-class",
// entity="e") in kg's reads.
// variables: entity
head([label IN labels(entity) WHERE label <> 'Entity'])
