"""General argument structure, actors, titles and modality, each class of English constructions
with two or more sentences written for these tests (different verbs and actors). Persons and
organisations are invented; countries and cities are real (the gazetteer must know them)."""

from __future__ import annotations

import pytest

from kg.core.model import Document
from kg.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def run(pipeline, text):
    return pipeline.assertions(Document(id="s", text=text))


def names(argument) -> set[str]:
    return {argument.mention.text, argument.entity.name}


def show(assertions) -> str:
    return (
        "\n".join(
            f"  {a.subject.mention.text!r} [{a.subject.entity.id}] {a.predicate} "
            f"{a.object.mention.text!r} [{a.object.entity.id}] {a.rule} "
            f"{a.qualifiers.modality}"
            for a in assertions
        )
        or "  (nothing)"
    )


def find(assertions, subject, predicate, obj):
    for a in assertions:
        if a.predicate == predicate and subject in names(a.subject) and obj in names(a.object):
            return a
    return None


def expect(pipeline, text, *triples, modality=None):
    found = run(pipeline, text)
    for triple in triples:
        a = find(found, *triple)
        assert a is not None, f"{triple} not extracted from {text!r}:\n{show(found)}"
        if modality is not None:
            assert a.qualifiers.modality == modality, f"{triple} in {text!r}:\n{show(found)}"
    return found


def refuse(pipeline, text, *triples):
    found = run(pipeline, text)
    for triple in triples:
        a = find(found, *triple)
        assert a is None, f"{triple} wrongly extracted from {text!r}:\n{show(found)}"


# --- control and raising ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triples",
    [
        (
            "Peru and Chile agreed to send troops to Bolivia.",
            [("Peru", "SENT_TROOPS_TO", "Bolivia"), ("Chile", "SENT_TROOPS_TO", "Bolivia")],
        ),
        ("Ecuador vowed to attack Colombia within days.", [("Ecuador", "ATTACKED", "Colombia")]),
        (
            "Venezuelan officials pledged to arrest Marco Diaz.",
            [("Venezuelan officials", "ARRESTED", "Marco Diaz")],
        ),
    ],
)
def test_subject_control_passes_the_subject_down_and_is_planned(pipeline, text, triples):
    expect(pipeline, text, *triples, modality="planned")


@pytest.mark.parametrize(
    "text, triple",
    [
        ("The council ordered the army to attack the rebels.", ("army", "ATTACKED", "rebels")),
        ("The president authorised the army to attack the rebels.", ("army", "ATTACKED", "rebels")),
    ],
)
def test_object_control_takes_the_object_as_subject(pipeline, text, triple):
    expect(pipeline, text, triple)
    refuse(pipeline, text, (text.split()[0], triple[1], triple[2]))


def test_what_one_urges_another_to_do_is_only_the_urging(pipeline):
    # the act urged is neither done nor planned by the one urged (audit 8): the asking is DEMANDED
    text = "Peru urged Chile to invade Bolivia."
    expect(pipeline, text, ("Peru", "DEMANDED", "Chile"))
    refuse(pipeline, text, ("Chile", "INVADED", "Bolivia"))
    refuse(pipeline, text, ("Peru", "INVADED", "Bolivia"))


def test_raising_verbs_pass_their_subject_down(pipeline):
    expect(
        pipeline,
        "The Tarija militia is believed to have attacked Sucre.",
        ("Tarija militia", "ATTACKED", "Sucre"),
    )


# --- light verbs with event nouns -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Rebels launched an attack on Cochabamba on Friday.", ("Rebels", "ATTACKED", "Cochabamba")),
        ("Guerrillas carried out deadly raids on Cochabamba.", ("Guerrillas", "ATTACKED", "Cochabamba")),
        ("Peru held talks with Chile in Lima.", ("Peru", "MET_WITH", "Chile")),
        ("Brazil imposed sanctions on Venezuela.", ("Brazil", "SANCTIONED", "Venezuela")),
        ("Argentina issued a warning to Chile.", ("Argentina", "THREATENED", "Chile")),
        ("Canada offered its support to Ukraine.", ("Canada", "SUPPORTED", "Ukraine")),
    ],
)
def test_light_verbs_lend_their_subject_to_the_event_noun(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Germany condemned the attack on Cochabamba.", ("Germany", "ATTACKED", "Cochabamba")),
        ("Italy welcomed the sanctions on Venezuela.", ("Italy", "SANCTIONED", "Venezuela")),
    ],
)
def test_other_verbs_do_not_make_their_subject_the_agent(pipeline, text, triple):
    refuse(pipeline, text, triple)


def test_responsibility_names_the_agent(pipeline):
    expect(
        pipeline,
        "The Tarija militia was behind the attack on Sucre.",
        ("Tarija militia", "ATTACKED", "Sucre"),
    )
    expect(
        pipeline, "Rebels claimed responsibility for the bombing of Sucre.", ("Rebels", "ATTACKED", "Sucre")
    )


# --- nominal events --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Chile's invasion of Bolivia lasted a week.", ("Chile", "INVADED", "Bolivia")),
        ("The Chilean bombardment of Tacna continued.", ("Chilean", "ATTACKED", "Tacna")),
        ("The detention of Marco Diaz by police caused anger.", ("police", "ARRESTED", "Marco Diaz")),
        ("Brazil's condemnation of the coup was swift.", ("Brazil", "CONDEMNED", "coup")),
    ],
)
def test_nominal_events_take_possessive_modifier_of_and_by(pipeline, text, triple):
    expect(pipeline, text, triple)


# --- voice and relative clauses --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Tacna was shelled by Chilean artillery.", ("Chilean artillery", "ATTACKED", "Tacna")),
        ("Marco Diaz was detained by Bolivian police.", ("Bolivian police", "ARRESTED", "Marco Diaz")),
        ("Brazil criticised the troops deployed to Bolivia by Peru.", ("Peru", "SENT_TROOPS_TO", "Bolivia")),
        ("The soldiers that Peru sent to Bolivia returned home.", ("Peru", "SENT_TROOPS_TO", "Bolivia")),
        ("The rebels, who attacked Tarija last week, fled north.", ("rebels", "ATTACKED", "Tarija")),
        ("Gunmen attacked and killed ten villagers.", ("Gunmen", "KILLED", "villagers")),
    ],
)
def test_passives_reduced_relatives_relatives_and_shared_subjects(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, predicate",
    [
        ("Twenty soldiers were killed in the clash, the Peruvian army said.", "KILLED"),
        ("Three journalists were arrested on Monday, Bolivian officials said.", "ARRESTED"),
    ],
)
def test_a_passive_without_agent_borrows_no_subject(pipeline, text, predicate):
    found = run(pipeline, text)
    assert not [a for a in found if a.predicate == predicate], show(found)


# --- coordination and membership -------------------------------------------------------------


def test_three_coordinated_subjects_give_three_facts(pipeline):
    expect(
        pipeline,
        "Brazil, Argentina and Uruguay condemned the coup in Bolivia.",
        ("Brazil", "CONDEMNED", "coup"),
        ("Argentina", "CONDEMNED", "coup"),
        ("Uruguay", "CONDEMNED", "coup"),
    )


def test_coordinated_objects(pipeline):
    expect(
        pipeline,
        "Police arrested Ana Ruiz and Marco Diaz in Lima.",
        ("Police", "ARRESTED", "Ana Ruiz"),
        ("Police", "ARRESTED", "Marco Diaz"),
    )


@pytest.mark.parametrize(
    "text, triples",
    [
        (
            "The Andean Pact includes Peru, Chile and Bolivia.",
            [("Peru", "MEMBER_OF", "Andean Pact"), ("Bolivia", "MEMBER_OF", "Andean Pact")],
        ),
        ("Ecuador, a member of the Andean Pact, abstained.", [("Ecuador", "MEMBER_OF", "Andean Pact")]),
    ],
)
def test_membership(pipeline, text, triples):
    expect(pipeline, text, *triples)


# --- hyphen compounds, seats of power, capitals ----------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Chilean-backed rebels attacked Tarija.", ("Chilean", "SUPPORTED", "Chilean-backed rebels")),
        ("Forces of the NATO-backed government retreated.", ("NATO", "SUPPORTED", "NATO-backed government")),
        (
            "The Egyptian- and Emirati-backed forces advanced.",
            ("Emirati", "SUPPORTED", "Egyptian- and Emirati-backed forces"),
        ),
    ],
)
def test_backed_compounds_name_a_supporter(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text",
    ["The French- and British-backed government fell.", "The Chilean- and Peruvian-backed government fell."],
)
def test_a_misparsed_backed_compound_gives_no_edge_to_its_own_left_part(pipeline, text):
    found = run(pipeline, text)
    assert not [a for a in found if a.object.mention.text.endswith("-")], show(found)


def test_seats_stand_for_the_government_and_capitals_for_their_state_as_actors(pipeline):
    found = expect(pipeline, "The Kremlin condemned the sanctions.", ("Kremlin", "CONDEMNED", "sanctions"))
    assert find(found, "Kremlin", "CONDEMNED", "sanctions").subject.entity.id == "group:RUS:government"
    found = expect(
        pipeline, "Beijing criticised Washington on Monday.", ("Beijing", "CONDEMNED", "Washington")
    )
    a = find(found, "Beijing", "CONDEMNED", "Washington")
    # the same node as "China criticised the United States": one actor, whichever name
    assert (a.subject.entity.id, a.object.entity.id) == ("country:CHN", "country:USA")


def test_persons_a_quantifier_counts_by_demonym_are_civilians_not_their_state(pipeline):
    found = run(pipeline, "The ministry told all Chileans to leave Lima at once.")
    objects = {a.object.entity.id for a in found}
    assert "country:CHL" not in objects, show(found)
    assert "group:CHL:civilians" in objects, show(found)


def test_a_capital_attacked_stays_a_city(pipeline):
    found = expect(pipeline, "Rebels attacked Kyiv overnight.", ("Rebels", "ATTACKED", "Kyiv"))
    assert find(found, "Rebels", "ATTACKED", "Kyiv").object.entity.type == "City"


def test_organisations_named_with_a_group_noun_act_for_their_members(pipeline):
    expect(pipeline, "The Andean coalition attacked the rebels.", ("Andean coalition", "ATTACKED", "rebels"))


def test_definite_description_resolves_to_the_named_organisation(pipeline):
    found = expect(
        pipeline,
        "The Andean Council met on Monday. The council condemned the coup.",
        ("council", "CONDEMNED", "coup"),
    )
    assert find(found, "council", "CONDEMNED", "coup").subject.entity.name == "Andean Council"


def test_acronym_in_brackets_is_an_organisation_mention(pipeline):
    doc = pipeline.extractor.nlp("The Collective Security Treaty Organization (CSTO) met in Minsk.")
    spans = {s.text: s.label_ for s in doc.spans["kg_mentions"]}
    assert spans.get("CSTO") == "Organization"
    assert spans.get("Collective Security Treaty Organization") == "Organization"


# --- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Rebels seized the town of Tarata in southern Peru.", ("Rebels", "ATTACKED", "Tarata")),
        ("Militants overran the village of Charaña on Sunday.", ("Militants", "ATTACKED", "Charaña")),
    ],
)
def test_named_place_after_the_town_of(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_capital_phrase_gives_capital_and_location(pipeline):
    expect(
        pipeline,
        "Protests spread in the Peruvian capital Lima.",
        ("Lima", "CAPITAL_OF", "Peru"),
        ("Lima", "LOCATED_IN", "Peru"),
    )


def test_possessive_place(pipeline):
    expect(pipeline, "Shelling hit Peru's Tacna on Monday.", ("Tacna", "LOCATED_IN", "Peru"))


# --- titles and roles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple, role",
    [
        (
            "Canada's foreign minister, Sara Kent, spoke in Ottawa.",
            ("Sara Kent", "OFFICIAL_OF", "Canada"),
            "foreign minister",
        ),
        (
            "Peruvian Defence Minister Ana Ruiz resigned.",
            ("Ana Ruiz", "OFFICIAL_OF", "Peru"),
            "defence minister",
        ),
        ("Minister of Foreign Affairs Ana Ruiz met reporters.", None, "minister of foreign affairs"),
        (
            "Police Commissioner Jo Tan resigned on Friday.",
            ("Jo Tan", "LEADER_OF", "Police"),
            "police commissioner",
        ),
        (
            "Kremlin spokesman Ivan Orlov denied the report.",
            ("Ivan Orlov", "OFFICIAL_OF", "Kremlin"),
            "spokesman",
        ),
        (
            "Marco Diaz, the head of the Andean Council, resigned.",
            ("Marco Diaz", "LEADER_OF", "Andean Council"),
            "head",
        ),
        (
            "Iranian commander Brigadier General Ali Karimi was killed.",
            ("Ali Karimi", "NATIONAL_OF", "Iran"),
            "commander",
        ),
    ],
)
def test_titles_from_the_role_lexicon(pipeline, text, triple, role):
    found = run(pipeline, text)
    if triple is None:
        assert not [a for a in found if a.subject.mention.text.startswith("Affairs")], show(found)
        return
    a = find(found, *triple)
    assert a is not None, f"{triple} not in {text!r}:\n{show(found)}"
    assert a.qualifiers.role == role


def test_former_and_acting(pipeline):
    found = expect(
        pipeline, "Former Chilean President Marco Diaz died.", ("Marco Diaz", "LEADER_OF", "Chile")
    )
    assert find(found, "Marco Diaz", "LEADER_OF", "Chile").qualifiers.former
    found = expect(
        pipeline, "Acting President Ana Ruiz of Peru met the envoy.", ("Ana Ruiz", "LEADER_OF", "Peru")
    )
    assert not find(found, "Ana Ruiz", "LEADER_OF", "Peru").qualifiers.former


def test_role_description_names_the_person_with_that_title(pipeline):
    text = (
        "Peruvian President Ana Ruiz visited Lima. The Peruvian president later condemned the "
        "attack on the embassy."
    )
    found = expect(pipeline, text, ("Peruvian president", "CONDEMNED", "attack on the embassy"))
    assert (
        find(found, "Peruvian president", "CONDEMNED", "attack on the embassy").subject.entity.id
        == "person:ana-ruiz"
    )
    found = expect(
        pipeline,
        "Chile's leader condemned the protesters. Chilean President Marco Diaz spoke later.",
        ("Chile's leader", "CONDEMNED", "protesters"),
    )
    assert find(found, "Chile's leader", "CONDEMNED", "protesters").subject.entity.id == "person:marco-diaz"


def test_a_name_is_no_title_holder_when_it_is_an_organisation(pipeline):
    found = run(pipeline, "Self-styled Andean Liberation Army chief Gen. Tomas Varga pledged to take Arica.")
    assert find(found, "Tomas Varga", "LEADER_OF", "Andean Liberation Army") is not None, show(found)
    assert not [a for a in found if a.predicate == "NATIONAL_OF" and "Army" in a.subject.mention.text]


# --- modality --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple, modality",
    [
        ("Chile denied attacking Tacna.", ("Chile", "ATTACKED", "Tacna"), "negated"),
        ("Peru ruled out sending troops to Bolivia.", ("Peru", "SENT_TROOPS_TO", "Bolivia"), "negated"),
        ("Brazil refused to recognise Kosovo.", ("Brazil", "RECOGNIZED", "Kosovo"), "negated"),
        ("Chile could attack Tacna if the talks fail.", ("Chile", "ATTACKED", "Tacna"), "hypothetical"),
        ("Peru is considering sanctions on Bolivia.", ("Peru", "SANCTIONED", "Bolivia"), "hypothetical"),
        ("Peru will deploy troops to Bolivia next week.", ("Peru", "SENT_TROOPS_TO", "Bolivia"), "planned"),
        ("Argentina plans to impose sanctions on Chile.", ("Argentina", "SANCTIONED", "Chile"), "planned"),
        ("Officials said Chile attacked Tacna.", ("Chile", "ATTACKED", "Tacna"), "reported"),
        ("According to state media, Chile attacked Tacna.", ("Chile", "ATTACKED", "Tacna"), "reported"),
        ("Chile reportedly attacked Tacna.", ("Chile", "ATTACKED", "Tacna"), "reported"),
        ("Chile allegedly attacked Tacna.", ("Chile", "ATTACKED", "Tacna"), "alleged"),
        ("Bolivia claimed that Chile attacked Tacna.", ("Chile", "ATTACKED", "Tacna"), "alleged"),
        (
            "Officials said Peru will send troops to Bolivia.",
            ("Peru", "SENT_TROOPS_TO", "Bolivia"),
            "planned",
        ),
        ("Brazil said it condemns the coup.", ("Brazil", "CONDEMNED", "coup"), "asserted"),
    ],
)
def test_modality(pipeline, text, triple, modality):
    expect(pipeline, text, triple, modality=modality)


@pytest.mark.parametrize(
    "text",
    [
        "Chile denied that it had attacked Tacna.",
        "Chile did not attack Tacna.",
        "Chile never attacked Tacna.",
        "Chile may attack Tacna.",
        "Chile would attack Tacna if provoked.",
        "Chile is expected to attack Tacna.",
        "Chile threatened to attack Tacna.",
    ],
)
def test_denied_planned_or_hypothetical_events_are_never_asserted(pipeline, text):
    found = run(pipeline, text)
    attacks = [a for a in found if a.predicate == "ATTACKED"]
    assert all(a.qualifiers.modality != "asserted" for a in attacks), show(found)


# --- actors written as descriptions ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Rebels fired rockets at Omani territory.", ("Rebels", "ATTACKED", "Omani territory")),
        # (drones of no side named are no actor: the test names whose they are)
        (
            "Ukrainian drones struck Russian territory overnight.",
            ("Ukrainian drones", "ATTACKED", "Russian territory"),
        ),
    ],
)
def test_a_demonym_with_territory_is_the_country(pipeline, text, triple):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).object.entity.type == "Country"


@pytest.mark.parametrize(
    "text, triple, city",
    [
        (
            "Militants shelled the Kenyan capital on Monday.",
            ("Militants", "ATTACKED", "Kenyan capital"),
            "Nairobi",
        ),
        (
            "Gunmen attacked the Kenyan capital on Friday.",
            ("Gunmen", "ATTACKED", "Kenyan capital"),
            "Nairobi",
        ),
    ],
)
def test_the_demonym_capital_is_that_capital(pipeline, text, triple, city):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).object.entity.name == city


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Chile said its jets struck rebel targets near Arica.", ("Chile", "ATTACKED", "rebel targets")),
        (
            "The rebel alliance mounted an offensive against the Bolivian government.",
            ("rebel alliance", "ATTACKED", "Bolivian government"),
        ),
        ("Jihadist positions were shelled by the army.", ("army", "ATTACKED", "Jihadist positions")),
    ],
)
def test_facilities_and_alliances_stand_for_the_actor_that_modifies_them(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_persons_forces(pipeline):
    expect(
        pipeline,
        "Marco Diaz's forces attacked Cochabamba.",
        ("Marco Diaz's forces", "ATTACKED", "Cochabamba"),
    )


# --- support, alliances and leadership written in other ways ----------------------------------


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Troops fought in support of the Peruvian government.",
            ("Troops", "SUPPORTED", "Peruvian government"),
        ),
        ("Students marched in solidarity with Ukraine.", ("Students", "SUPPORTED", "Ukraine")),
        ("Marta Quispe, who is allied with Chile, spoke on Monday.", ("Marta Quispe", "SUPPORTED", "Chile")),
        ("Varga welcomed the arrival of the Ghanaians.", ("Varga", "SUPPORTED", "Ghanaians")),
        (
            "Foreign fighters are supporting the Bolivian army's offensive.",
            ("Foreign fighters", "SUPPORTED", "Bolivian army"),
        ),
    ],
)
def test_support_in_other_words(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_conjunct_after_a_reported_clause_belongs_to_the_speaker(pipeline):
    expect(
        pipeline,
        "Chile said the dam would harm farmers and urged the African Union to act.",
        ("Chile", "DEMANDED", "African Union"),
    )


def test_a_finite_conjunct_of_an_infinitive_belongs_to_the_verb_that_governs_it(pipeline):
    # "ordered Y to leave ... and accused Z": "to accused" cannot be, so the accuser is X
    found = expect(
        pipeline,
        "President Marta Quispe ordered the ambassador of Chile to leave Peru and accused Bolivia of "
        "plotting a coup.",
        ("Marta Quispe", "ACCUSED", "Bolivia"),
    )
    accusers = {a.subject.entity.name for a in found if a.predicate == "ACCUSED"}
    assert accusers == {"Marta Quispe"}, show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Canadian Prime Minister Justin Blake issued a statement demanding that the Bolivian government "
            "release the prisoners.",
            ("Justin Blake", "DEMANDED", "Bolivian government"),
        ),
        ("Peru's letter urging Chile to withdraw its troops was welcomed.", ("Peru", "DEMANDED", "Chile")),
        (
            "A statement by the Peruvian government calling on Chile to withdraw was read out.",
            ("Peruvian government", "DEMANDED", "Chile"),
        ),
        (
            "The Security Council adopted a resolution condemning Bolivia.",
            ("Security Council", "CONDEMNED", "Bolivia"),
        ),
    ],
)
def test_a_message_speaks_for_its_author(pipeline, text, triple):
    expect(pipeline, text, triple, modality="asserted")


@pytest.mark.parametrize(
    "text, speaker, other, addressee",
    [
        (
            "In a televised address, Governor Ana Ruiz said that only army units would enter the town, "
            "and called residents to stay indoors.",
            "Ana Ruiz",
            "army",
            "residents",
        ),
        (
            "Chile says Peruvian troops will stay in the north and asks the rebels to disarm.",
            "Chile",
            "Peruvian troops",
            "rebels",
        ),
    ],
)
def test_a_tensed_verb_after_a_modal_clause_is_the_speakers(pipeline, text, speaker, other, addressee):
    # the parser hangs "called" on "would enter"; "would called" cannot be, so it is the speaker's
    expect(pipeline, text, (speaker, "DEMANDED", addressee), modality="asserted")
    refuse(pipeline, text, (other, "DEMANDED", addressee))


@pytest.mark.parametrize(
    "text, triple, rule",
    [
        (
            "Rebels fought the government led by Prime Minister Ana Ruiz.",
            ("Ana Ruiz", "LEADER_OF", "government"),
            "leader_of.led_by",
        ),
        (
            "Marco Diaz's Lima-based Andean Front won the vote.",
            ("Marco Diaz", "LEADER_OF", "Andean Front"),
            "leader_of.possessive_organization",
        ),
        (
            "Bolivia's Marco Diaz spoke on Monday.",
            ("Marco Diaz", "NATIONAL_OF", "Bolivia"),
            "national_of.possessive",
        ),
        (
            "Chile's most famous writer, Isabel Vera, died.",
            ("Isabel Vera", "NATIONAL_OF", "Chile"),
            "title.before_apposition",
        ),
        ("Atlanta businessman Neil Smith spoke.", ("Neil Smith", "LIVES_IN", "Atlanta"), "title.prenominal"),
        (
            "A plane landed at Chile's Cerro Moreno airfield.",
            ("Cerro Moreno airfield", "LOCATED_IN", "Chile"),
            "located_in.possessive",
        ),
    ],
)
def test_states_from_possessives_appositions_and_participles(pipeline, text, triple, rule):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).rule == rule


def test_a_possessive_holder_of_a_role_is_no_nationality(pipeline):
    refuse(
        pipeline,
        "Chile's leader condemned the protesters. Chilean President Marco Diaz spoke later.",
        ("Chile's leader", "NATIONAL_OF", "Chile"),
    )


@pytest.mark.parametrize(
    "text, triple, modality",
    [
        (
            "Bolivian forces, backed by Brazil, entered Cobija on Tuesday, Brazil said.",
            ("Bolivian forces", "ATTACKED", "Cobija"),
            None,
        ),
        (
            "Chilean troops attacked Tacna on Monday, the Peruvian army said.",
            ("Chilean troops", "ATTACKED", "Tacna"),
            "reported",
        ),
        (
            "The Tarija militia is believed to have attacked Sucre.",
            ("Tarija militia", "ATTACKED", "Sucre"),
            "alleged",
        ),
        (
            "It is thought that the militia is holding Marco Diaz.",
            ("militia", "ARRESTED", "Marco Diaz"),
            "alleged",
        ),
        (
            "Navy officials claimed to have killed six pirates.",
            ("Navy officials", "KILLED", "pirates"),
            "alleged",
        ),
        ("Peru to send 500 troops to Bolivia", ("Peru", "SENT_TROOPS_TO", "Bolivia"), "planned"),
        ("Ana Ruiz said she had ordered the army to attack.", None, None),
        ("Ana Ruiz said she had urged Chile to withdraw.", ("she", "DEMANDED", "Chile"), "reported"),
        (
            '"Brazil recognises the Andean Council," the Brazilian president tweeted.',
            ("Brazil", "RECOGNIZED", "Andean Council"),
            "asserted",
        ),
    ],
)
def test_modality_of_reports_beliefs_claims_and_headlines(pipeline, text, triple, modality):
    if triple is None:
        return
    found = run(pipeline, text)
    a = find(found, *triple) or next((x for x in found if x.predicate == triple[1]), None)
    if modality is None:  # the event need not be found; when it is, the report marks it
        return
    assert a is not None, f"{triple} not in {text!r}:\n{show(found)}"
    assert a.qualifiers.modality == modality, show(found)


# --- residence, datelines and organisations' places ------------------------------------------


@pytest.mark.parametrize(
    "text, triple, rule",
    [
        (
            "In 1901, the poet Ana Ruiz was born in Arequipa, Peru.",
            ("Ana Ruiz", "LIVES_IN", "Arequipa"),
            "lives_in.born_in",
        ),
        (
            "The painter Marco Diaz was born in Cusco.",
            ("Marco Diaz", "LIVES_IN", "Cusco"),
            "lives_in.born_in",
        ),
        ("Ohio Gov. Jim Tanner signed the bill.", ("Jim Tanner", "LIVES_IN", "Ohio"), "title.prenominal"),
        (
            "BANGKOK, Thailand (AP) - Police arrested two men.",
            ("BANGKOK", "LOCATED_IN", "Thailand"),
            "located_in.comma",
        ),
        (
            "XY2901 Lima Radio Andina in Spanish 1400 GMT 2 May 94",
            ("Radio Andina", "BASED_IN", "Lima"),
            "based_in.dateline|based_in.place_modifier",
        ),
    ],
)
def test_residence_and_datelines(pipeline, text, triple, rule):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).rule in rule.split("|")


def test_an_untagged_acronym_is_an_organisation(pipeline):
    doc = pipeline.extractor.nlp("Government troops fought the FARQ near the border on Monday.")
    spans = {s.text: s.label_ for s in doc.spans["kg_mentions"]}
    assert spans.get("FARQ") == "Organization", spans


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Peru denied the report. Its planes hit rebel camps near the border.",
            ("Peru", "ATTACKED", "rebel camps"),
        ),
        ("Chile said its drones struck guerrilla positions.", ("Chile", "ATTACKED", "guerrilla positions")),
    ],
)
def test_the_owner_of_an_instrument_acts(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "The rebels asked humanitarian organizations to leave.",
            ("rebels", "DEMANDED", "humanitarian organizations"),
        ),
        ("The junta told foreign journalists to leave.", ("junta", "DEMANDED", "foreign journalists")),
    ],
)
def test_unnamed_plural_organisations_and_groups(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Peru bombed a camp in Chile’s Putre.", ("Peru", "ATTACKED", "Putre")),
        ("Rebels attacked a hotel in Mogadishu.", ("Rebels", "ATTACKED", "Mogadishu")),
        ("Militants stormed a police station in Kano.", ("Militants", "ATTACKED", "Kano")),
    ],
)
def test_an_attacked_site_stands_for_its_town(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_place_named_after_a_countrys_possessive(pipeline):
    expect(pipeline, "Peru bombed a camp in Chile’s Putre.", ("Putre", "LOCATED_IN", "Chile"))
    refuse(pipeline, "Lima gave support to Chile’s Varga.", ("Varga", "LOCATED_IN", "Chile"))


def test_an_entity_run_across_a_possessive_is_split(pipeline):
    found = expect(
        pipeline, "Marco Diaz’s Lima-based Andean Front won.", ("Marco Diaz", "LEADER_OF", "Andean Front")
    )
    assert find(found, "Marco Diaz", "LEADER_OF", "Andean Front").subject.entity.type == "Person"


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Fighting spread to Nampula Alta, a province in Malawi.", ("Nampula Alta", "LOCATED_IN", "Malawi")),
        ("Missiles flew toward U.S. territory Puerto Rico.", ("Puerto Rico", "LOCATED_IN", "U.S.")),
        ("Gunmen raided Tarata, a town in Peru.", ("Tarata", "LOCATED_IN", "Peru")),
    ],
)
def test_places_described_by_their_kind(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_the_region_names_the_last_region(pipeline):
    found = expect(
        pipeline,
        "Fighting broke out in Chiapas region. Soldiers shelled the region on Friday.",
        ("Soldiers", "ATTACKED", "region"),
    )
    assert find(found, "Soldiers", "ATTACKED", "region").object.entity.name == "Chiapas"


@pytest.mark.parametrize(
    "text, triples",
    [
        (
            "The Andean Council called a strike. Police detained members Ana Ruiz and Marco Diaz.",
            [("Ana Ruiz", "MEMBER_OF", "Andean Council"), ("Marco Diaz", "MEMBER_OF", "Andean Council")],
        ),
        (
            "The Andean Council met. Two other council members, among them a Peruvian poet, "
            "Isabel Vera, resigned.",
            [("Isabel Vera", "MEMBER_OF", "Andean Council")],
        ),
    ],
)
def test_members_of_the_body_named_before(pipeline, text, triples):
    expect(pipeline, text, *triples)


@pytest.mark.parametrize(
    "text, triple, wanted",
    [
        ("The gunman fired a rifle at the protesters.", ("gunman", "ATTACKED", "protesters"), True),
        ("The Andean Front fired rocket barrages at Peru.", ("Andean Front", "ATTACKED", "Peru"), True),
        (
            "The senator was shot by a gunman at the Lima Convention Centre.",
            ("gunman", "ATTACKED", "Lima Convention Centre"),
            False,
        ),
        ("Agents raided a plant in Colorado.", ("Agents", "ATTACKED", "Colorado"), False),
        (
            "Diplomats discussed aid to the people of the occupied West Bank.",
            (None, "ATTACKED", "West Bank"),
            False,
        ),
    ],
)
def test_targets_are_not_locations(pipeline, text, triple, wanted):
    found = run(pipeline, text)
    hit = [
        a
        for a in found
        if a.predicate == triple[1]
        and triple[2] in names(a.object)
        and (triple[0] is None or triple[0] in names(a.subject))
    ]
    assert bool(hit) == wanted, show(found)


def test_a_headline_read_as_a_name_is_no_mention(pipeline):
    doc = pipeline.extractor.nlp("Peru Says Giving Air Support to Bolivia\n\nThe story follows.")
    assert not [s for s in doc.spans["kg_mentions"] if "Giving" in s.text]


def test_negation_of_talks_does_not_reach_a_clause_about_their_partner(pipeline):
    found = run(pipeline, "Peru ruled out talks with rebels threatening to attack Lima.")
    threats = [a for a in found if a.predicate == "THREATENED"]
    assert all(a.qualifiers.modality != "negated" for a in threats), show(found)


@pytest.mark.parametrize(
    "text, triple, modality",
    [
        ("Peru accused Chile of arming rebels in the north.", ("Chile", "SUPPORTED", "rebels"), "alleged"),
        ("Bolivia thanked Brazil for helping the refugees.", ("Brazil", "SUPPORTED", "refugees"), None),
    ],
)
def test_the_object_of_accuse_or_thank_does_what_follows_of_or_for(pipeline, text, triple, modality):
    expect(pipeline, text, triple, modality=modality)
    refuse(pipeline, text, (text.split()[0], triple[1], triple[2]))


def test_dateline_places_and_agencies_are_no_actors(pipeline):
    found = run(pipeline, "LIMA, May 3 (Reuters) - Peru on Tuesday accused Chile of arming rebels.")
    assert not [a for a in found if a.subject.mention.text in {"LIMA", "Reuters"}], show(found)


def test_a_name_with_a_possessive_inside_stays_one_organisation(pipeline):
    found = run(
        pipeline,
        "Fighting between government troops and the Tarija People's Liberation Front (TPLF) "
        "entered its third week.",
    )
    assert not [a for a in found if a.predicate == "LEADER_OF"], show(found)
    assert [a for a in found if a.predicate == "CLASHED_WITH"], show(found)


@pytest.mark.parametrize(
    "text",
    [
        "The agency relies on the Committee to Protect Journalists for data.",
        "Sudan, which hosts thousands of refugees, closed the border.",
    ],
)
def test_no_event_from_words_inside_names_or_hosting_people(pipeline, text):
    found = run(pipeline, text)
    assert not [a for a in found if a.predicate in {"SUPPORTED", "MET_WITH"}], show(found)


@pytest.mark.parametrize(
    "text, triple, wrong",
    [
        (
            "Rebel groups said they had captured several army outposts near the border.",
            ("Rebel groups", "ATTACKED", "army outposts"),
            ("Rebel groups", "ARRESTED", "army outposts"),
        ),
        (
            "Guerrillas overran two police posts on Sunday.",
            ("Guerrillas", "ATTACKED", "police posts"),
            ("Guerrillas", "ARRESTED", "police posts"),
        ),
    ],
)
def test_capturing_an_actors_sites_is_an_attack_not_an_arrest(pipeline, text, triple, wrong):
    expect(pipeline, text, triple)
    refuse(pipeline, text, wrong)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Thailand continued to engage with the military government.",
            ("Thailand", "CLASHED_WITH", "military government"),
        ),
    ],
)
def test_engaging_with_is_no_clash(pipeline, text, triple):
    refuse(pipeline, text, triple)


def test_they_is_the_group_named_as_subject_before(pipeline):
    found = expect(
        pipeline, "Rebel groups said they had attacked Yangon.", ("Rebel groups", "ATTACKED", "Yangon")
    )
    assert find(found, "Rebel groups", "ATTACKED", "Yangon").rule == "attacked.verb"


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Doctors treated Senator Kent's assassin, Jo Marek, on Monday.",
            ("Jo Marek", "KILLED", "Senator Kent"),
        ),
        (
            "Lima recalls the killing in 1980 of Governor Ana Ruiz by rebel leader Marco Diaz.",
            ("Marco Diaz", "KILLED", "Ana Ruiz"),
        ),
    ],
)
def test_agent_nouns_and_dated_nominal_events(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple, modality",
    [
        (
            "Russian jets are likely to provide air support for the Andean Front.",
            ("Russian jets", "SUPPORTED", "Andean Front"),
            "hypothetical",
        ),
        ("Chile is ready to send troops to Bolivia.", ("Chile", "SENT_TROOPS_TO", "Bolivia"), "planned"),
    ],
)
def test_raising_adjectives_pass_the_subject_and_qualify_the_event(pipeline, text, triple, modality):
    expect(pipeline, text, triple, modality=modality)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Rebels pressed an assault on forces of the Chilean government.",
            ("Rebels", "ATTACKED", "forces of the Chilean government"),
        ),
        (
            "Soldiers of the Peruvian army attacked Tacna.",
            ("Soldiers of the Peruvian army", "ATTACKED", "Tacna"),
        ),
    ],
)
def test_a_group_is_named_with_its_owner(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_name_after_a_comma_is_no_place_of_the_settlement_before(pipeline):
    refuse(
        pipeline,
        "Troops died in a clash in the disputed border region, Peruvian Army said.",
        ("region", "LOCATED_IN", "Peruvian Army"),
    )


def test_they_after_a_coordinated_subject_is_each_conjunct(pipeline):
    found = expect(
        pipeline,
        "Jihadists and their Chilean-backed allies breached Arica, as they pressed an "
        "offensive against government forces.",
        ("Jihadists", "ATTACKED", "government forces"),
    )
    assert find(found, "Chilean-backed allies", "ATTACKED", "government forces") is not None, show(found)


def test_an_appositive_group_acts_for_the_named_organisation(pipeline):
    expect(
        pipeline,
        "She heads the Southern Resistance Army, an armed group believed to be behind raids "
        "in Oruro and an attack on Mayor Luis Paz.",
        ("Southern Resistance Army", "ATTACKED", "Oruro"),
    )


def test_a_based_compound_names_a_place_whatever_ner_said(pipeline):
    expect(
        pipeline,
        "Marco Diaz’s Arequipa-based Andean Front launched an offensive.",
        ("Andean Front", "BASED_IN", "Arequipa"),
    )


def test_a_bodys_members_stand_for_the_body(pipeline):
    found = expect(
        pipeline,
        "The Andean Council was founded in May. Ana Ruiz warned that the exile "
        "council's members could face arrest.",
        ("Ana Ruiz", "THREATENED", "council"),
    )
    assert find(found, "Ana Ruiz", "THREATENED", "council").object.entity.name == "Andean Council"


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Retired Andean Football League placekicker Mark Moss spoke.",
            ("Mark Moss", "OFFICIAL_OF", "Andean Football League"),
        ),
        (
            "Andean Mining Corporation geologist Ana Ruiz found gold.",
            ("Ana Ruiz", "OFFICIAL_OF", "Andean Mining Corporation"),
        ),
        (
            "The paper interviewed Radovan Kovac, leader of the Serb party and vice-president of the "
            "Union of "
            "Serb Writers.",
            ("Radovan Kovac", "OFFICIAL_OF", "Union of Serb Writers"),  # a vice-president is no leader
        ),
    ],
)
def test_roles_beside_organisations(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_birthplace_written_town_and_state_is_one_mention(pipeline):
    found = expect(
        pipeline,
        "In 1817, the writer Henry Thoreau was born in Concord, Mass.",
        ("Henry Thoreau", "LIVES_IN", "Concord, Mass."),
    )
    a = find(found, "Henry Thoreau", "LIVES_IN", "Concord, Mass.")
    assert a.object.entity.name == "Concord" and a.object.entity.type == "City"


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "NATO peacekeepers were deployed to the town of Zvecan on Monday.",
            ("NATO", "SENT_TROOPS_TO", "Zvecan"),
        ),
        ("Rwandan police were sent to Benin.", ("Rwandan", "SENT_TROOPS_TO", "Benin")),
    ],
)
def test_troops_sent_without_a_by_phrase_were_sent_by_their_owner(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_country_name_outranks_a_town_of_that_name(pipeline):
    found = expect(pipeline, "Troops were sent to Mali by France.", ("France", "SENT_TROOPS_TO", "Mali"))
    assert find(found, "France", "SENT_TROOPS_TO", "Mali").object.entity.id == "country:MLI"


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Mali asked Ghana for help on Monday.", ("Mali", "INVITED", "Ghana")),
        ("Peru asked Chile for assistance after the floods.", ("Peru", "INVITED", "Chile")),
    ],
)
def test_asking_an_actor_for_help_is_an_invitation(pipeline, text, triple):
    expect(pipeline, text, triple)
    refuse(pipeline, "The mayor asked residents for patience.", ("mayor", "INVITED", "residents"))


def test_inviting_an_actor_to_act_is_no_demand(pipeline):
    found = expect(pipeline, "Chile invited Peru to send observers.", ("Chile", "INVITED", "Peru"))
    assert not [a for a in found if a.predicate == "DEMANDED"], show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        # the small model tags an acronym ending in S as a plural noun
        ("The ANDS condemned the new tariffs on Peru.", ("ANDS", "CONDEMNED", "new tariffs on Peru")),
        ("Chile asked the ANDS for help on Wednesday.", ("Chile", "INVITED", "ANDS")),
        ("UNASUS urged the junta to hold elections.", ("UNASUS", "DEMANDED", "junta")),
    ],
)
def test_acronyms_the_tagger_reads_as_plurals_are_organisations(pipeline, text, triple):
    expect(pipeline, text, triple)


# --- coverage of unseen wire stories: actors, coordination, nominal arguments ---------------


@pytest.mark.parametrize(
    "text, triples",
    [
        (
            "Chadian and Nigerien forces are fighting Tuareg rebels near the border.",
            [
                ("Chadian forces", "CLASHED_WITH", "Tuareg rebels"),
                ("Nigerien forces", "CLASHED_WITH", "Tuareg rebels"),
            ],
        ),
        (
            "Russian and Chinese troops attacked the town of Kell.",
            [("Russian troops", "ATTACKED", "Kell"), ("Chinese troops", "ATTACKED", "Kell")],
        ),
    ],
)
def test_coordinated_demonyms_give_one_group_each(pipeline, text, triples):
    found = expect(pipeline, text, *triples)
    # each group carries its own country, not its neighbour's
    for a in found:
        if a.subject.mention.text.startswith("Chadian"):
            assert a.subject.entity.id.startswith("group:TCD"), show(found)
        if a.subject.mention.text.startswith("Nigerien"):
            assert a.subject.entity.id.startswith("group:NER"), show(found)


def test_a_coordinated_adjective_that_names_no_country_gives_no_extra_group(pipeline):
    found = expect(
        pipeline,
        "Peru called for restraint by Bolivian and regional authorities.",
        ("Peru", "DEMANDED", "Bolivian authorities"),
    )
    assert not [
        a
        for a in found
        if a.object.mention.text.startswith("regional") and a.object.entity.id.startswith("group:BOL")
    ], show(found)


def test_called_for_with_the_by_phrase_on_the_verb(pipeline):
    expect(
        pipeline,
        "Chile called for calm by the Bolivian government.",
        ("Chile", "DEMANDED", "Bolivian government"),
    )


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Twelve Peruvian soldiers were killed in clashes with Bolivian troops.",
            ("Peruvian soldiers", "CLASHED_WITH", "Bolivian troops"),
        ),
        (
            "Three soldiers killed in a clash with rebels were buried on Friday.",
            ("soldiers", "CLASHED_WITH", "rebels"),
        ),
    ],
)
def test_those_killed_in_clashes_are_one_side_of_the_fighting(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_dying_in_an_accident_is_no_clash(pipeline):
    refuse(
        pipeline,
        "Two Peruvian soldiers died in a crash with a Bolivian truck.",
        ("Peruvian soldiers", "CLASHED_WITH", "truck"),
    )


def test_a_group_named_by_allegiance_keeps_its_patron_in_the_name(pipeline):
    expect(
        pipeline,
        "Troops loyal to Oskar Vell attacked Peruvian soldiers.",
        ("Troops loyal to Oskar Vell", "ATTACKED", "Peruvian soldiers"),
    )


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Western nations imposed sanctions on Belarus.", ("Western nations", "SANCTIONED", "Belarus")),
        ("Gulf states have backed the Yemeni government.", ("Gulf states", "SUPPORTED", "Yemeni government")),
    ],
)
def test_plural_state_nouns_with_a_modifier_are_actors(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_plural_state_nouns_without_a_modifier_are_not(pipeline):
    found = run(pipeline, "Many countries imposed sanctions on Belarus.")
    assert not [a for a in found if a.subject.mention.text.lower().endswith("countries")], show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Soldiers opened fire on mourners in Tacna.", ("Soldiers", "ATTACKED", "mourners")),
        ("Gunmen kidnapped two shopkeepers in Kano.", ("Gunmen", "ARRESTED", "shopkeepers")),
    ],
)
def test_wider_civilian_nouns_are_actors(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Algeria condemned Morocco's decision to send troops to Mali.", ("Algeria", "CONDEMNED", "Morocco")),
        (
            "Armenian troops repelled an Azerbaijani offensive in the south.",
            ("Armenian troops", "CLASHED_WITH", "Azerbaijan"),
        ),
        ("Peru criticised the Chilean annexation of the islands.", ("Peru", "CONDEMNED", "Chile")),
    ],
)
def test_an_actors_doing_stands_for_the_actor(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_an_event_without_an_actor_stays_the_object(pipeline):
    expect(pipeline, "Germany condemned the coup.", ("Germany", "CONDEMNED", "coup"))


def test_a_short_name_after_the_full_name_is_the_person(pipeline):
    found = expect(
        pipeline,
        "Prime Minister Ana Kolar met rebel leaders on Monday. Gunmen later vowed to capture Kolar.",
        ("Gunmen", "THREATENED", "Ana Kolar"),
    )
    assert find(found, "Gunmen", "THREATENED", "Ana Kolar").object.entity.type == "Person"


# --- title-case headlines ------------------------------------------------------------------


def test_a_title_case_headline_takes_the_case_of_its_words_in_the_body():
    from kg.loaders.truecase import headline_cased

    text = (
        "Kenya Says Army Repels Rebels Loyal to Oskar Vell\n"
        "Kenya said on Monday its army had driven back rebels loyal to Oskar Vell."
    )
    cased = headline_cased(text)
    assert cased.split("\n")[0] == "Kenya says army repels rebels loyal to Oskar Vell"
    assert len(cased) == len(text) and cased.split("\n", 1)[1] == text.split("\n", 1)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Kenya says army repels rebels\nKenya said its army drove back rebels.",  # sentence case
        "One line Only With No Body",
        "Kenya Army Attacks Rebels.\nThe Kenyan army attacked rebels.",  # a sentence, not a headline
    ],
)
def test_other_first_lines_are_left_alone(text):
    from kg.loaders.truecase import headline_cased

    assert headline_cased(text) == text


def test_a_title_case_headline_is_read_as_a_sentence(pipeline):
    text = (
        "Ghana Giving Military Support to Togo's Government\n"
        "Ghana has sent military support to the government of Togo, officials said."
    )
    found = expect(pipeline, text, ("Ghana", "SUPPORTED", "Togo's Government"))
    headline = [a for a in found if a.sentence.index == 0]
    assert headline and all(
        text[a.object.mention.start : a.object.mention.end] == a.object.mention.text for a in headline
    ), show(found)


def test_a_headline_on_its_own_line_is_its_own_sentence(pipeline):
    found = expect(
        pipeline,
        "Chile recognizes Peru's new government\nThe ministry spoke in Lima.",
        ("Chile", "RECOGNIZED", "Peru"),
    )
    assert all(
        a.sentence.index == 0 and "ministry" not in a.sentence.text
        for a in found
        if a.predicate == "RECOGNIZED"
    ), show(found)


def test_a_first_name_the_tagger_left_untagged_is_the_person_named_before(pipeline):
    found = expect(
        pipeline,
        "Prime Minister Abebe Tola met Kenyan envoys on Monday. Rebels later "
        "accused Abebe of bombing their camps.",
        ("Rebels", "ACCUSED", "Abebe Tola"),
    )
    assert find(found, "Rebels", "ACCUSED", "Abebe Tola").object.mention.text == "Abebe", show(found)


def test_a_word_that_names_no_earlier_person_stays_unknown(pipeline):
    found = run(
        pipeline, "Prime Minister Abebe Tola met Kenyan envoys. Rebels accused Gedo of bombing their camps."
    )
    assert not [a for a in found if a.object.entity.name == "Abebe Tola"], show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Kenyan troops are fighting Oromian rebels near the border.",
            ("Kenyan troops", "CLASHED_WITH", "Oromian rebels"),
        ),
        (
            "The army detained dozens of Tigrayan officers in Addis Ababa.",
            ("army", "ARRESTED", "Tigrayan officers"),
        ),
    ],
)
def test_a_demonym_before_a_group_noun_is_no_organization(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_targets_around_a_town_stand_for_the_town(pipeline):
    expect(
        pipeline, "Syrian warplanes bombed targets around Aleppo.", ("Syrian warplanes", "ATTACKED", "Aleppo")
    )


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Rebel rocket attacks on Kenyan territory have increased.", ("rebels", "ATTACKED", "Kenya")),
        ("An army assault on students followed the vote.", ("army", "ATTACKED", "students")),
    ],
)
def test_an_actor_noun_before_an_event_noun_is_its_actor(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_a_weapon_before_an_event_noun_is_no_actor(pipeline):
    found = run(pipeline, "Drone strikes on Idlib continued overnight.")
    assert not [a for a in found if a.predicate == "ATTACKED"], show(found)


def test_an_attack_by_x_on_y_with_the_target_hung_on_the_agent(pipeline):
    expect(
        pipeline, "It was an attack by armed gangs on commuters.", ("armed gangs", "ATTACKED", "commuters")
    )


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "The rebels stormed a base run by Kenyan peacekeepers.",
            ("rebels", "ATTACKED", "Kenyan peacekeepers"),
        ),
        ("Militants shelled positions held by Malian troops.", ("Militants", "ATTACKED", "Malian troops")),
    ],
)
def test_a_site_held_by_an_actor_stands_for_the_actor(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Police fired tear gas to disperse the protesters.", ("Police", "ATTACKED", "protesters")),
        ("Soldiers beat villagers at a checkpoint.", ("Soldiers", "ATTACKED", "villagers")),
        ("Gunmen stabbed two shopkeepers in Kano.", ("Gunmen", "ATTACKED", "shopkeepers")),
    ],
)
def test_assaults_on_people_are_attacks(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_beating_a_rival_in_a_match_is_no_attack(pipeline):
    found = run(pipeline, "Kenya beat Uganda 2-0 in the final.")
    assert not [a for a in found if a.predicate == "ATTACKED"], show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "European foreign ministers imposed sanctions on Belarus.",
            ("European foreign ministers", "SANCTIONED", "Belarus"),
        ),
        ("Western leaders condemned the coup in Niger.", ("Western leaders", "CONDEMNED", "coup in Niger")),
    ],
)
def test_plural_leaders_and_ministers_with_a_modifier_are_actors(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("Germany and Denmark suspended aid to Mali.", ("Denmark", "SANCTIONED", "Mali")),
        ("Peru severed ties with Bolivia on Friday.", ("Peru", "SANCTIONED", "Bolivia")),
    ],
)
def test_cutting_aid_or_ties_is_a_sanction(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_cutting_a_budget_line_at_home_is_no_sanction(pipeline):
    found = run(pipeline, "Chile cut funding for schools.")
    assert not [a for a in found if a.predicate == "SANCTIONED"], show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("The K17 captured the town of Tarata.", ("K17", "ATTACKED", "Tarata")),
        ("The G5 condemned the attack on Tarata.", ("G5", "CONDEMNED", "attack on Tarata")),
    ],
)
def test_letter_digit_acronyms_are_organisations(pipeline, text, triple):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).subject.entity.type == "Organization", show(found)


def test_a_group_named_by_an_actor_noun_carries_its_demonym(pipeline):
    found = expect(
        pipeline,
        "Kenyan police raids on the market in Kisumu angered traders.",
        ("Kenyan police", "ATTACKED", "Kisumu"),
    )
    assert find(found, "Kenyan police", "ATTACKED", "Kisumu").subject.entity.id.startswith("group:KEN"), show(
        found
    )


def test_military_rulers_are_a_government_group(pipeline):
    found = expect(
        pipeline,
        "Guinea's military rulers detained two opposition leaders.",
        ("Guinea's military rulers", "ARRESTED", "opposition leaders"),
    )
    assert (
        find(found, "Guinea's military rulers", "ARRESTED", "opposition leaders").subject.entity.id
        == "group:GIN:government"
    ), show(found)


@pytest.mark.parametrize(
    "text",
    [
        "Democratic Republic of Congo on Monday accused Rwanda of backing the rebels.",
        "The Democratic Republic of Congo accused Rwanda of backing the rebels.",
    ],
)
def test_a_country_name_with_of_is_one_country(pipeline, text):
    found = expect(pipeline, text, ("Democratic Republic of Congo", "ACCUSED", "Rwanda"))
    assert (
        find(found, "Democratic Republic of Congo", "ACCUSED", "Rwanda").subject.entity.id == "country:COD"
    ), show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        ("The militia is commanded by Colonel Tomas Verhaal.", ("Tomas Verhaal", "LEADER_OF", "militia")),
        (
            "Tomas Verhaal heads the Lakeside Liberation Front.",
            ("Tomas Verhaal", "LEADER_OF", "Lakeside Liberation Front"),
        ),
        (
            "General Ana Brodsky, who chairs the Sovereign Council, spoke in Lagos.",
            ("Ana Brodsky", "LEADER_OF", "Sovereign Council"),
        ),
        (
            "The rebels, who are led by Tomas Verhaal and Ana Brodsky, attacked Goma.",
            ("Ana Brodsky", "LEADER_OF", "rebels"),
        ),
    ],
)
def test_leading_verbs_in_clauses_give_the_leader(pipeline, text, triple):
    expect(pipeline, text, triple)


@pytest.mark.parametrize(
    "text, triple",
    [
        # past tense may be a former role; a negated one is none
        ("The army was led by General Ana Brodsky until 2010.", ("Ana Brodsky", "LEADER_OF", "army")),
        (
            "Tomas Verhaal does not head the Lakeside Liberation Front.",
            ("Tomas Verhaal", "LEADER_OF", "Lakeside Liberation Front"),
        ),
    ],
)
def test_past_or_negated_leading_verbs_give_no_leader(pipeline, text, triple):
    refuse(pipeline, text, triple)


def test_commanding_a_force_is_no_demand(pipeline):
    found = run(pipeline, "The militia is commanded by Colonel Tomas Verhaal, a veteran officer.")
    assert not [a for a in found if a.predicate == "DEMANDED"], show(found)


def test_saying_that_someone_acted_is_no_accusation_unless_the_act_is_blame(pipeline):
    found = run(pipeline, "Villagers said the army carried out raids on three hamlets near Gulu.")
    assert not [a for a in found if a.predicate == "ACCUSED"], show(found)
    expect(
        pipeline, "Villagers said the army instigated the riots in Gulu.", ("Villagers", "ACCUSED", "army")
    )


@pytest.mark.parametrize(
    "text, triple, former",
    [
        (
            "President Luis Arce appointed Ana Ruiz as Bolivia's defence minister.",
            ("Ana Ruiz", "OFFICIAL_OF", "Bolivia"),
            False,
        ),
        (
            "Peru and Chile backed Ana Ruiz as Bolivia's interim president.",
            ("Ana Ruiz", "LEADER_OF", "Bolivia"),
            False,
        ),
        (
            "Ana Ruiz was sworn in as Bolivia's interim president on Monday.",
            ("Ana Ruiz", "LEADER_OF", "Bolivia"),
            False,
        ),
        (
            "Ana Ruiz served as Bolivia's defence minister until 2019.",
            ("Ana Ruiz", "OFFICIAL_OF", "Bolivia"),
            True,
        ),
        (
            "Ana Ruiz has served as Bolivia's defence minister since 2019.",
            ("Ana Ruiz", "OFFICIAL_OF", "Bolivia"),
            False,
        ),
    ],
)
def test_a_title_given_with_as(pipeline, text, triple, former):
    found = expect(pipeline, text, triple, modality="asserted")
    assert find(found, *triple).rule == "title.as_role"
    assert find(found, *triple).qualifiers.former is former, show(found)


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Bolivian government spokesman Marco Diaz said the talks had failed.",
            ("Marco Diaz", "OFFICIAL_OF", "Bolivia"),
        ),
        (
            "Bolivia's government spokesman Marco Diaz said the talks had failed.",
            ("Marco Diaz", "OFFICIAL_OF", "Bolivia"),
        ),
        ("Chilean presidential spokesman Marco Diaz spoke.", ("Marco Diaz", "OFFICIAL_OF", "Chile")),
    ],
)
def test_the_government_between_a_country_and_a_title_is_the_countrys(pipeline, text, triple):
    found = expect(pipeline, text, triple)
    assert find(found, *triple).rule == "title.prenominal"


@pytest.mark.parametrize(
    "text",
    [
        "Peruvian jets struck bases of the Andean Front.",
        "Peruvian jets bombed the headquarters of the Andean Front.",
        "The Peruvian army carried out air strikes on bases of the Andean Front.",
    ],
)
def test_an_assault_on_an_actors_site_is_on_the_actor(pipeline, text):
    expect(pipeline, text, ("Peruvian military", "ATTACKED", "Andean Front"))


def test_troops_sent_to_an_actors_site_are_not_sent_to_the_actor(pipeline):
    refuse(
        pipeline, "Peru sent troops to bases of the Andean Front.", ("Peru", "SENT_TROOPS_TO", "Andean Front")
    )


@pytest.mark.parametrize(
    "text, former",
    [
        ("Marco Diaz, who ruled Peru from 1990 until his death in 2000, was buried.", True),
        ("Marco Diaz rules Peru with an iron fist.", False),
        # the parser hangs the clause on "father": the name beside it ruled
        (
            "Diaz took over from his father Marco Diaz, who ruled Peru from 1967 until his death in 2009.",
            True,
        ),
    ],
)
def test_who_rules_a_country_leads_it(pipeline, text, former):
    found = expect(pipeline, text, ("Marco Diaz", "LEADER_OF", "Peru"))
    assert find(found, "Marco Diaz", "LEADER_OF", "Peru").qualifiers.former is former


@pytest.mark.parametrize("text", ["Marco Diaz vowed to rule Peru.", "Marco Diaz never ruled Peru."])
def test_no_leader_from_a_rule_only_vowed_or_denied(pipeline, text):
    refuse(pipeline, text, ("Marco Diaz", "LEADER_OF", "Peru"))


def test_a_leaders_title_is_not_also_an_official_role(pipeline):
    text = "They named General Marco Diaz, the head of the Presidential Guard, as interim leader."
    expect(pipeline, text, ("Marco Diaz", "LEADER_OF", "Presidential Guard"))
    refuse(pipeline, text, ("Marco Diaz", "OFFICIAL_OF", "Presidential Guard"))
    # a name NER leaves untagged: the appositive role noun still says who leads
    found = run(pipeline, "Ms Ruiz, the head of the Andean Front, spoke.")
    offices = [(a.predicate, a.rule) for a in found if a.object.entity.name == "Andean Front"]
    assert offices == [("LEADER_OF", "leader_of.appositive_role")], show(found)


@pytest.mark.parametrize(
    "text",
    [
        "Moscow refused to recognize Ana Ruiz as Bolivia's president.",
        "Russia did not recognize Ana Ruiz as Bolivia's president.",
        "Peru may name Ana Ruiz as Bolivia's ambassador to Chile.",
    ],
)
def test_no_title_from_as_when_refused_negated_or_only_possible(pipeline, text):
    refuse(pipeline, text, ("Ana Ruiz", "LEADER_OF", "Bolivia"), ("Ana Ruiz", "OFFICIAL_OF", "Bolivia"))


def test_a_verb_coordinated_after_an_of_gerund_shares_the_clause_subject(pipeline):
    # the parser hangs "urged" on "stalling"; the urging is the premier's, in her own voice
    found = expect(
        pipeline,
        "Prime Minister Ana Brodsky accused Chile of stalling and urged Peru to leave the talks.",
        ("Ana Brodsky", "DEMANDED", "Peru"),
        modality="asserted",
    )
    refuse(
        pipeline,
        "Prime Minister Ana Brodsky accused Chile of stalling and urged Peru to leave the talks.",
        ("Chile", "DEMANDED", "Peru"),
    )
    assert find(found, "Ana Brodsky", "ACCUSED", "Chile") is not None, show(found)


def test_the_country_is_the_country_named_before_not_a_demonym(pipeline):
    found = expect(
        pipeline,
        "Chile's border police said Peruvian forces had crossed into the country from Bolivia.",
        ("Peruvian forces", "INVADED", "country"),
    )
    assert find(found, "Peruvian forces", "INVADED", "country").object.entity.id == "country:CHL", show(found)


def test_coordinated_subjects_of_a_reciprocal_verb_clash_with_each_other(pipeline):
    expect(
        pipeline,
        "Peru and Chile clashed on Sunday over the disputed border region.",
        ("Peru", "CLASHED_WITH", "Chile"),
    )
    # with an object the conjuncts are one side; with "or" nothing happened
    refuse(pipeline, "Peru and Chile clashed with Bolivia on Sunday.", ("Peru", "CLASHED_WITH", "Chile"))
    refuse(pipeline, "Peru or Chile may clash over the border.", ("Peru", "CLASHED_WITH", "Chile"))


def test_troops_an_actor_has_stationed_somewhere_were_sent_by_it(pipeline):
    expect(
        pipeline, "Chile has about 300 troops stationed in Bolivia.", ("Chile", "SENT_TROOPS_TO", "Bolivia")
    )
    expect(
        pipeline,
        "Norway keeps a small contingent deployed in Latvia.",
        ("Norway", "SENT_TROOPS_TO", "Latvia"),
    )


@pytest.mark.parametrize(
    "text, triple",
    [
        (
            "Army officers seized power and placed President Ana Brodsky under house arrest.",
            ("Army officers", "ARRESTED", "Ana Brodsky"),
        ),
        ("President Tomas Verhaal was put under arrest by the army.", ("army", "ARRESTED", "Tomas Verhaal")),
    ],
)
def test_placing_someone_under_arrest_is_an_arrest(pipeline, text, triple):
    expect(pipeline, text, triple)


def test_recognising_the_independence_of_a_place_recognises_it(pipeline):
    expect(pipeline, "Chile recognized the independence of Kosovo.", ("Chile", "RECOGNIZED", "Kosovo"))
    refuse(pipeline, "Chile recognized the importance of Kosovo.", ("Chile", "RECOGNIZED", "Kosovo"))


def test_appealing_to_an_actor_is_a_demand(pipeline):
    expect(
        pipeline,
        "Secretary-General Ana Brodsky appealed directly to Chile to halt the offensive.",
        ("Ana Brodsky", "DEMANDED", "Chile"),
    )


def test_an_agency_dateline_at_an_unknown_place_is_no_actor(pipeline):
    found = run(
        pipeline, "TARSKOVO, Ruritania, May 4 (Reuters) - Chilean troops fought rebels near the border."
    )
    assert find(found, "Chilean troops", "CLASHED_WITH", "rebels") is not None, show(found)
    assert not [
        a
        for a in found
        if a.subject.mention.text in {"Ruritania", "Reuters", "TARSKOVO"} and a.predicate != "LOCATED_IN"
    ], show(found)


def test_a_wire_agency_is_not_based_where_its_dateline_filed_the_story(pipeline):
    # the dateline says where the story was filed; the agency is based elsewhere
    for text in ("LIMA, Peru (AFP) - The mayor resigned.", "DAYTON, Ohio (AP) - The mayor resigned."):
        found = pipeline.assertions(Document(id="t", text=text))
        assert not [a for a in found if a.predicate == "BASED_IN"], show(found)


def test_an_entity_is_never_read_across_a_line_break(pipeline):
    # NER at times runs a headline's last name into the first line ("... Ruiz\n\nThe Andean ...")
    from spacy.tokens import Span

    from kg.loaders import lexicon
    from kg.loaders.mentions import entity_parts

    doc = pipeline.extractor.nlp.make_doc(
        "Junta defies calls to free Ruiz\n\nThe Andean Community of Nations met."
    )
    start = next(t.i for t in doc if t.text == "Ruiz")
    end = next(t.i for t in doc if t.text == "Nations") + 1
    parts = entity_parts(Span(doc, start, end, label="ORG"), lexicon.actors())
    assert [p.text for p in parts] == ["Ruiz", "The Andean Community of Nations"]


def test_a_name_two_countries_share_stands_for_the_one_the_story_names(pipeline):
    found = run(
        pipeline,
        "Rwanda sent troops to the Democratic Republic of Congo on Monday. Congo expelled "
        "the Rwandan ambassador, and Congolese troops attacked the rebels.",
    )
    congo = [a.subject.entity.id for a in found if a.subject.mention.text in {"Congo", "Congolese troops"}]
    assert congo and all("COD" in i for i in congo), show(found)
    # with no fuller name in the story, the usual reading stays
    found = run(pipeline, "Gabon sent troops to Congo on Monday.")
    assert find(found, "Gabon", "SENT_TROOPS_TO", "Congo").object.entity.id == "country:COG", show(found)


def test_a_speech_verb_after_when_or_after_reports_nothing_of_the_clause_before(pipeline):
    found = expect(
        pipeline,
        "Army officers placed President Ana Brodsky under house arrest, minutes after the "
        "election commission declared him the winner of a disputed vote.",
        ("Army officers", "ARRESTED", "Ana Brodsky"),
        modality="asserted",
    )
    assert found
    expect(
        pipeline,
        "Army officers placed President Ana Brodsky under house arrest, the officers said.",
        ("Army officers", "ARRESTED", "Ana Brodsky"),
        modality="reported",
    )


def test_a_place_after_a_comma_that_opens_the_next_clause_contains_nothing(pipeline):
    refuse(
        pipeline,
        "After officials said rebels attacked the town of Gulu, Chile sent troops to Peru.",
        ("Gulu", "LOCATED_IN", "Chile"),
    )
    expect(pipeline, "Rebels attacked Gulu, Uganda, on Monday.", ("Gulu", "LOCATED_IN", "Uganda"))


def test_the_country_after_a_towns_comma_is_no_target_but_a_destination(pipeline):
    refuse(pipeline, "Rebels attacked Gulu, Uganda, on Monday.", ("Rebels", "ATTACKED", "Uganda"))
    expect(
        pipeline,
        "Chile sent troops to Tacna, Peru, on Friday.",
        ("Chile", "SENT_TROOPS_TO", "Tacna"),
        ("Chile", "SENT_TROOPS_TO", "Peru"),
    )


def test_a_two_part_states_demonyms_are_each_one_and_a_states_own_stays_its_own():
    from kg.core import gazetteer

    # the country data writes them together ("Bosnian,Herzegovinian", "Antiguan,Barbudan")
    assert gazetteer.demonym("BIH") == "Bosnian" and gazetteer.demonym("ATG") == "Antiguan"
    assert gazetteer.country("Herzegovinian").iso3 == "BIH"
    # "Serbian/Montenegrin" of the former union does not take Serbia's own demonym
    assert gazetteer.country("Serbian").iso3 == "SRB" and gazetteer.country("Montenegrin").iso3 == "MNE"
    # country_converter's patterns search inside a word: "Igbo" holds GB's "gb"; "Turks" are
    # not Turks and Caicos
    assert gazetteer.country("Igbo") is None and gazetteer.country("Turks").iso3 == "TUR"


def test_a_relative_clause_speaks_only_of_the_noun_it_follows(pipeline):
    text = "Her clients have included Jo Marek, who killed the banker Ana Kord, and Tomas and Vera Lind."
    expect(pipeline, text, ("Jo Marek", "KILLED", "Ana Kord"))
    refuse(pipeline, text, ("Tomas", "KILLED", "Ana Kord"), ("Vera Lind", "KILLED", "Ana Kord"))


def test_a_persons_apposition_describes_the_person_and_acts_for_no_one(pipeline):
    text = "Doctors examined Mayor Dana Holt's assassin, Jo Marek, a Jordanian residing in Chile, on Monday."
    expect(pipeline, text, ("Jo Marek", "KILLED", "Dana Holt"))
    killers = {a.subject.entity.type for a in run(pipeline, text) if a.predicate == "KILLED"}
    assert killers == {"Person"}


def test_an_agent_noun_presupposes_its_event_whatever_the_clause_around_it(pipeline):
    expect(
        pipeline,
        "The trial of Kord assassin Jo Marek would not bring her father back, the widow said.",
        ("Jo Marek", "KILLED", "Kord"),
        modality="asserted",
    )
    text = "Jo Marek is not the killer of Ana Kord."
    expect(pipeline, text, ("Jo Marek", "KILLED", "Ana Kord"), modality="negated")


def test_a_name_with_an_age_set_off_by_commas_is_a_persons_whatever_ner_said(pipeline):
    from spacy.tokens import Span

    from kg.loaders import lexicon
    from kg.loaders.mentions import typed_entity

    doc = pipeline.extractor.nlp("Marta Vell Ostrander, 50, of Tarsk, Ohio, was shot to death on Thursday.")
    name = Span(doc, 0, 3, label="ORG")  # the reading NER gives such names at times
    assert doc[4].dep_ == "appos" and doc[4].head.i == 2  # the parse the rule reads
    found = typed_entity(name, lexicon.places(), lexicon.actors())
    assert found is not None and found.type == "Person", found
    place = typed_entity(Span(doc, 7, 8, label="ORG"), lexicon.places(), lexicon.actors())
    assert place is None or place.type != "Person"  # no age after it


def test_who_a_group_included_did_what_the_group_did(pipeline):
    text = "Mayor Dana Holt was assassinated by a group of nobles that included Jo Marek and Tomas Lind."
    expect(pipeline, text, ("Jo Marek", "KILLED", "Dana Holt"), ("Tomas Lind", "KILLED", "Dana Holt"))


def test_a_by_phrase_hung_on_the_place_of_a_passive_names_its_agent(pipeline):
    expect(
        pipeline,
        "Ana Kord was shot to death Dec. 8, 1980, in the courtyard of her building by Jo Marek, "
        "a former fan.",
        ("Jo Marek", "KILLED", "Ana Kord"),
    )


def test_a_participle_after_a_persons_name_describes_that_person_not_the_clauses_subject(pipeline):
    text = (
        "The appeals court threw out the death sentence of Jo Marek, convicted of murdering the "
        "reporter Dana Holt in 1976."
    )
    expect(pipeline, text, ("Jo Marek", "KILLED", "Dana Holt"))
    assert {a.subject.entity.type for a in run(pipeline, text) if a.predicate == "KILLED"} == {"Person"}


def test_accused_or_suspected_of_a_killing_is_alleged_and_names_the_suspect(pipeline):
    expect(
        pipeline,
        "Jo Marek was accused of the killing of Dana Holt.",
        ("Jo Marek", "KILLED", "Dana Holt"),
        modality="alleged",
    )
    expect(
        pipeline,
        "Police arrested Jo Marek, suspected of the murder of Dana Holt.",
        ("Jo Marek", "KILLED", "Dana Holt"),
        modality="alleged",
    )
    expect(
        pipeline,
        "Jo Marek was convicted of the murder of Dana Holt.",
        ("Jo Marek", "KILLED", "Dana Holt"),
        modality="asserted",
    )
