"""Error classes of unseen news, fixed as classes (issue 21): names cut at a hyphen, a
country's name with a hyphen, expulsions and broken ties as SANCTIONED, a suspended member,
a sitting head of state detained by soldiers as OVERTHREW, a president-elect holding no office.

One real Pipeline. The sentences are written for these tests; persons are invented,
countries are real (the gazetteer must know them).
"""

from __future__ import annotations

import pytest

from kg.core.model import Assertion, Document
from kg.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _found(pipeline: Pipeline, text: str) -> tuple[set[tuple[str, str, str]], list[Assertion]]:
    assertions = pipeline.assertions(Document(id="test", text=text))
    return {(a.subject.entity.name, a.predicate, a.object.entity.name) for a in assertions}, assertions


def _show(assertions: list[Assertion]) -> str:
    return "\n".join(
        f"  {a.subject.entity.name!r} {a.predicate} {a.object.entity.name!r} ({a.rule})" for a in assertions
    )


@pytest.mark.parametrize(
    "text,triple",
    [
        # a lower-case syllable written onto a given name with a hyphen belongs to the name
        ("Panama's Foreign Minister Lee Min-jun met the envoy.", ("Lee Min-jun", "OFFICIAL_OF", "Panama")),
        ("South Korean President Park Jae-un spoke.", ("Park Jae-un", "LEADER_OF", "South Korea")),
        ("Kenyan spokesman Tan Wei-chi denied the report.", ("Tan Wei-chi", "OFFICIAL_OF", "Kenya")),
        # a country whose name has a hyphen is named whole
        (
            "President Paulo Rendas of Guinea-Bissau said the vote would go ahead.",
            ("Paulo Rendas", "LEADER_OF", "Guinea-Bissau"),
        ),
    ],
)
def test_names_with_a_hyphen_are_whole(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)
    cut = {"Lee Min", "Park Jae", "Tan Wei"}
    assert not any(s in cut or o == "Guinea" for s, _, o in found), _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        ("New Zealand Prime Minister Jo Harlan spoke.", ("Jo Harlan", "LEADER_OF", "New Zealand")),
        ("Saudi Arabian Foreign Minister Ali Harlan spoke.", ("Ali Harlan", "OFFICIAL_OF", "Saudi Arabia")),
    ],
)
def test_a_country_of_two_words_opening_the_sentence_holds_the_title(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


def test_a_participle_after_a_hyphen_is_no_part_of_the_name(pipeline):
    found, assertions = _found(pipeline, "Peruvian President Ana Quispe-led talks ended on Monday.")
    assert ("Ana Quispe", "LEADER_OF", "Peru") in found, _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        # GUIDELINE.md, Decisions: expelling diplomats and cutting ties are SANCTIONED, state to state
        ("Estonia expelled four Russian diplomats on Tuesday.", ("Estonia", "SANCTIONED", "Russia")),
        ("Poland expelled Belarus's ambassador over the border crisis.", ("Poland", "SANCTIONED", "Belarus")),
        ("Mexico broke off diplomatic relations with Ecuador.", ("Mexico", "SANCTIONED", "Ecuador")),
        (
            "Chile's government ended diplomatic ties with Peru on Friday.",
            ("Chilean government", "SANCTIONED", "Peru"),
        ),
        ("Bolivia cut diplomatic ties with Israel.", ("Bolivia", "SANCTIONED", "Israel")),
        # suspending a member
        ("The African Union suspended Mali from the bloc.", ("African Union", "SANCTIONED", "Mali")),
    ],
)
def test_expulsions_and_broken_ties_are_sanctions(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


def test_a_suspension_from_matches_is_no_sanction_of_a_state(pipeline):
    found, assertions = _found(pipeline, "The league suspended the player from two matches.")
    assert not any(p == "SANCTIONED" for _, p, _ in found), _show(assertions)


def test_soldiers_detaining_a_sitting_president_overthrow_him(pipeline):
    found, assertions = _found(
        pipeline, "Mutinous soldiers detained President Paulo Rendas of Guinea-Bissau on Tuesday."
    )
    overthrew = [a for a in assertions if a.predicate == "OVERTHREW"]
    assert [a.object.entity.name for a in overthrew] == ["Paulo Rendas"], _show(assertions)
    assert overthrew[0].subject.entity.type == "Group" and overthrew[0].rule == "overthrew.detained_leader"
    assert any(a.predicate == "ARRESTED" and a.object.entity.name == "Paulo Rendas" for a in assertions)


@pytest.mark.parametrize(
    "text",
    [
        # the police arresting a former president is an arrest only
        "Police arrested former President Jacob Mbeki in Durban.",
        # a prime minister detained beside nobody else: an arrest, not the state's overthrow
        "Soldiers detained Prime Minister Ana Quispe of Peru on Tuesday.",
        # a sitting president arrested by the police (no soldiers) is an arrest
        "Police arrested President Ana Quispe of Peru on Tuesday.",
    ],
)
def test_other_arrests_overthrow_nobody(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert any(p == "ARRESTED" for _, p, _ in found), _show(assertions)
    assert not any(p == "OVERTHREW" for _, p, _ in found), _show(assertions)


def test_a_president_elect_holds_no_office_yet(pipeline):
    text = "A senior aide to US President-elect Jo Harlan called for his release."
    found, assertions = _found(pipeline, text)
    assert not any(p in {"LEADER_OF", "OFFICIAL_OF"} for _, p, _ in found), _show(assertions)


def test_an_expelled_diplomat_is_no_sanctioned_party(pipeline):
    # GUIDELINE.md, Decisions: the sanction is on the state; the person is at most DEMANDED
    found, assertions = _found(pipeline, "Chile expelled Peru's ambassador on Monday.")
    assert ("Chile", "SANCTIONED", "Peru") in found, _show(assertions)
    assert not any(a.predicate == "SANCTIONED" and a.object.entity.type == "Person" for a in assertions)


def test_taking_hostages_is_no_arrest(pipeline):
    found, assertions = _found(pipeline, "Gunmen of the Tarsk Front took twelve Chilean soldiers hostage.")
    assert not any(p == "ARRESTED" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Expulsions raise the stakes in the diplomatic battle between Chile and Peru.",
        "Chile and Peru are locked in a war of words over the border.",
        "Chile and Peru fought a legal battle at the court in The Hague.",
    ],
)
def test_figurative_fights_are_no_clashes(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert not any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)


def test_a_real_clash_still_is_one(pipeline):
    found, assertions = _found(pipeline, "Peruvian troops clashed with Chilean soldiers at the border.")
    assert any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)


def test_a_capital_named_only_by_description_gets_no_place_facts(pipeline):
    found, assertions = _found(pipeline, "Two drones crashed in Kenya's capital overnight.")
    assert not any(p in {"CAPITAL_OF", "LOCATED_IN"} for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Nairobi, the capital of Kenya, was calm on Monday.")
    assert ("Nairobi", "CAPITAL_OF", "Kenya") in found, _show(assertions)


def test_a_rank_word_before_a_title_leaves_the_title_its_kind(pipeline):
    found, assertions = _found(
        pipeline, "Chile's Foreign Ministry chief spokesman Jo Harlan said the move was hostile."
    )
    assert any(s == "Jo Harlan" and p == "OFFICIAL_OF" for s, p, _ in found), _show(assertions)
    assert not any(s == "Jo Harlan" and p == "LEADER_OF" for s, p, _ in found), _show(assertions)


def test_an_organization_name_reaches_its_acronym(pipeline):
    text = "The United Nations Mission in South Sudan (UNMISS) condemned the attack on Monday."
    found, assertions = _found(pipeline, text)
    names = {a.subject.entity.name for a in assertions if a.predicate == "CONDEMNED"}
    assert names and all(n.endswith("South Sudan") or n == "UNMISS" for n in names), _show(assertions)


def test_a_country_name_ner_cut_after_of_the_is_whole(pipeline):
    text = "Chile held talks with Democratic Republic of the Congo's president in Santiago."
    found, assertions = _found(pipeline, text)
    assert not any(o.endswith(" of the") or s.endswith(" of the") for s, _, o in found), _show(assertions)


def test_a_corridor_is_a_place_not_a_person(pipeline):
    found, assertions = _found(
        pipeline, "The leaders discussed the closure of Afghanistan's Wakhan Corridor."
    )
    assert not any(a.subject.entity.type == "Person" for a in assertions), _show(assertions)
    assert not any(p == "NATIONAL_OF" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,subject",
    [
        ("Ansar Dine militants attacked a Malian army post on Sunday.", "Ansar Dine"),
        ("FARC rebels attacked Colombian soldiers on Sunday.", "Revolutionary Armed Forces of Colombia"),
    ],
)
def test_a_named_movements_fighters_are_the_movement(pipeline, text, subject):
    found, assertions = _found(pipeline, text)
    attacks = [a for a in assertions if a.predicate == "ATTACKED"]
    assert attacks and {a.subject.entity.name for a in attacks} == {subject}, _show(assertions)
    assert attacks[0].subject.entity.type == "Organization"


def test_a_people_before_rebels_stays_a_group(pipeline):
    found, assertions = _found(pipeline, "The junta swore to destroy the Karen rebels.")
    assert all(a.object.entity.type != "Organization" for a in assertions), _show(assertions)


def test_a_sentence_leaves_the_next_ones_opening_quote_to_it(pipeline):
    text = (
        "The command says that Chile has sent combat aircraft to Peru, where they support the army "
        "around the capital Lima. “Chile is clearly trying to tip the scales,” said General Jo Harlan."
    )
    _, assertions = _found(pipeline, text)
    assert assertions, "no assertion"
    assert not any(a.sentence.text.rstrip().endswith(("“", '"')) for a in assertions), _show(assertions)


def test_the_subject_of_a_coordinated_clause_is_no_object_of_the_first(pipeline):
    # the parser reads "the Greek Navy" as a second object of "into"; it is the subject of
    # "returned", which has none of its own
    found, assertions = _found(
        pipeline,
        "Syria fired roughly 100 artillery shells into Cyprus and the Greek Navy directly returned fire.",
    )
    assert ("Syria", "ATTACKED", "Cyprus") in found, _show(assertions)
    assert not any("Navy" in o for _, _, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Chile fired shells into Peru and Bolivia.")
    assert {("Chile", "ATTACKED", "Peru"), ("Chile", "ATTACKED", "Bolivia")} <= found, _show(assertions)


def test_a_ministers_field_is_no_organization(pipeline):
    # NER reads "Defense" as an organization; the minister is his country's official
    found, assertions = _found(pipeline, "The council is headed by Egyptian Defense Minister Tarek Nabil.")
    assert ("Tarek Nabil", "OFFICIAL_OF", "Egypt") in found, _show(assertions)
    assert not any(o == "Defense" for _, _, o in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Peru's Attorney General, Ana Ruiz Soto, said the president had been ousted.",
        "She served two times as Prime Minister of Pakistan before her exile.",
        "The Indian prime minister of Fiji was held with his cabinet.",
    ],
)
def test_a_title_without_its_holder_is_no_persons_state(pipeline, text):
    found, assertions = _found(pipeline, text)
    nobody = {"Attorney General", "Prime Minister", "Indian prime minister"}
    assert not [t for t in found if t[0] in nobody], _show(assertions)


@pytest.mark.parametrize(
    "text, triple",
    [
        # a speech noun stands for its speaker; a span of time for what fills it
        (
            "The African Union condemned Chad's claim to have tested a new missile.",
            ("African Union", "CONDEMNED", "Chad"),
        ),
        (
            "Thousands of people in Peru protested against decades of military rule.",
            ("civilians", "PROTESTED_AGAINST", "military rule"),
        ),
    ],
)
def test_the_argument_behind_a_speech_noun_or_a_span_of_time(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert any(t[1:] == triple[1:] for t in found), _show(assertions)
    assert not any(o in {"claim", "decades"} for _, _, o in found), _show(assertions)


@pytest.mark.parametrize(
    "text, present, absent",
    [
        # the head of a body (an administration, an army) is an official of the state, not its leader
        (
            "U.S. administrator Tom Reyes told reporters on Sunday that the war was over.",
            [("Tom Reyes", "OFFICIAL_OF", "United States")],
            [("Tom Reyes", "LEADER_OF", "United States")],
        ),
        # a title held "in" a country is no title of that country's
        (
            "Saddam was captured, said Lt. Gen. Tom Reyes, the top U.S. military commander in Iraq.",
            [],
            [("Tom Reyes", "LEADER_OF", "Iraq"), ("Tom Reyes", "OFFICIAL_OF", "Iraq")],
        ),
        ("Jo Lano, the ambassador in Peru, spoke.", [], [("Jo Lano", "OFFICIAL_OF", "Peru")]),
    ],
)
def test_a_bodys_head_and_a_post_held_in_a_country(pipeline, text, present, absent):
    found, assertions = _found(pipeline, text)
    assert set(present) <= found and not set(absent) & found, _show(assertions)


@pytest.mark.parametrize(
    "text,present,absent",
    [
        # a deputy of a leader's post is an official, never the leader
        (
            "Jo Harlan, deputy head of the Kenyan trade mission, said talks had stalled.",
            ("Jo Harlan", "OFFICIAL_OF", "Kenyan trade mission"),
            ("Jo Harlan", "LEADER_OF", "Kenyan trade mission"),
        ),
        (
            "Vice President Ana Velde of Peru attended the summit.",
            ("Ana Velde", "OFFICIAL_OF", "Peru"),
            ("Ana Velde", "LEADER_OF", "Peru"),
        ),
    ],
)
def test_a_deputy_is_an_official_not_the_leader(pipeline, text, present, absent):
    found, assertions = _found(pipeline, text)
    assert present in found, _show(assertions)
    assert absent not in found, _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        # what is condemned is the doer of an agentive doing its possessor names
        ("Norway sharply criticised Chile's attempts to leave the treaty.", ("Norway", "CONDEMNED", "Chile")),
        (
            "The Kenyan navy condemned Somalia's reckless maneuvers and unlawful use of force.",
            ("Kenyan navy", "CONDEMNED", "Somalia"),
        ),
        # the agent written before the compound that makes the event noun ("drone strike")
        (
            "Syria condemned the Israeli drone strike on a Syrian army base.",
            ("Israel", "ATTACKED", "Syrian military"),
        ),
    ],
)
def test_the_actor_behind_an_event_noun(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    s, p, o = triple
    assert any(
        fs == s or (s == "Kenyan navy" and fs in {"Kenyan navy", "Kenyan military"})
        for fs, fp, fo in found
        if fp == p and (fo == o or o in fo)
    ), _show(assertions)


def test_a_group_is_whose_its_modifier_says_not_where_it_is(pipeline):
    found, assertions = _found(pipeline, "Militants fired rockets at British troops in Iraq on Monday.")
    objects = {o for _, p, o in found if p == "ATTACKED"}
    assert objects and not any("Iraq" in o for o in objects), _show(assertions)
    assert any("British" in o for o in objects), _show(assertions)


def test_a_word_inside_a_name_is_no_preposition_of_the_verb(pipeline):
    # "on Crete" belongs to the base's name; the jets were launched from it, nothing was attacked
    found, assertions = _found(pipeline, "The ministry said the jets were launched from RAF Souda on Crete.")
    assert not any(p == "ATTACKED" for _, p, _ in found), _show(assertions)


def test_a_square_is_no_person_and_no_one_is_arrested_there(pipeline):
    found, assertions = _found(pipeline, "Soldiers seized Valdes Square on Wednesday morning.")
    assert not any(o == "Valdes Square" for _, _, o in found), _show(assertions)


def test_a_participle_coordinated_under_another_shares_its_subject(pipeline):
    text = (
        "Activists rallied, with the Danish Refugee Council saying the reporter had become a hostage "
        "and accusing Belarusian authorities of staging the trial."
    )
    found, assertions = _found(pipeline, text)
    accusers = {s for s, p, _ in found if p == "ACCUSED"}
    assert accusers == {"Danish Refugee Council"}, _show(assertions)


def test_a_with_phrase_after_border_is_the_borders(pipeline):
    found, assertions = _found(pipeline, "Three soldiers died in skirmishes on Peru's border with Ecuador.")
    assert not any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)


def test_what_a_speaker_says_someone_should_do_is_a_demand_not_an_event(pipeline):
    found, assertions = _found(
        pipeline, "Chile should impose sanctions on Peru, the Norwegian foreign minister said."
    )
    assert not any(p == "SANCTIONED" for _, p, _ in found), _show(assertions)
    assert any(p == "DEMANDED" and o == "Chile" for _, p, o in found), _show(assertions)


def test_a_title_with_its_own_of_phrase_takes_the_possessive_holder(pipeline):
    found, assertions = _found(
        pipeline, "Jo Harlan, Kenya's minister of foreign affairs, said the talks had failed."
    )
    assert ("Jo Harlan", "OFFICIAL_OF", "Kenya") in found, _show(assertions)


def test_an_order_imposing_sanctions_imposes_them_on_the_signings_date(pipeline):
    text = "President Jo Harlan on March 3 signed an executive order imposing sanctions on Peru."
    assertions = pipeline.assertions(Document(id="test", text=text, published="2023-03-10"))
    sanctions = [a for a in assertions if a.predicate == "SANCTIONED" and a.object.entity.name == "Peru"]
    assert sanctions, _show(assertions)
    assert sanctions[0].qualifiers.modality == "asserted", _show(assertions)
    assert sanctions[0].qualifiers.date == "2023-03-03", _show(assertions)


def test_a_named_shoal_or_airport_is_a_place(pipeline):
    found, assertions = _found(pipeline, "The frigate ran aground at Mischief Reef in the Spratly Islands.")
    assert ("Mischief Reef", "LOCATED_IN", "Spratly Islands") in found, _show(assertions)


def test_a_container_after_coordinated_towns_holds_each(pipeline):
    found, assertions = _found(pipeline, "Storms hit Port Arthur and Galveston, Texas, on Tuesday.")
    assert ("Port Arthur", "LOCATED_IN", "Texas") in found, _show(assertions)
    assert ("Galveston", "LOCATED_IN", "Texas") in found, _show(assertions)


def test_a_title_after_a_copula_takes_the_copulas_at_phrase(pipeline):
    found, assertions = _found(
        pipeline, "Jo Harlan was a professor at the University of Lagos when the war began."
    )
    assert ("Jo Harlan", "OFFICIAL_OF", "University of Lagos") in found, _show(assertions)


def test_on_the_orders_of_names_the_agent_of_a_passive(pipeline):
    found, assertions = _found(
        pipeline, "The journalists were arrested on the orders of President Jo Harlan."
    )
    assert any(s == "Jo Harlan" and p == "ARRESTED" for s, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,subjects",
    [
        ("Chile and Peru were the first to sever diplomatic ties with Bolivia.", {"Chile", "Peru"}),
        ("Norway became the latest country to expel Russian diplomats.", {"Norway"}),
    ],
)
def test_an_infinitive_on_a_copulas_complement_is_the_copula_subjects(pipeline, text, subjects):
    found, assertions = _found(pipeline, text)
    assert {s for s, p, _ in found if p == "SANCTIONED"} == subjects, _show(assertions)


def test_a_state_organ_keeps_its_countrys_possessive_in_its_mention(pipeline):
    assertions = pipeline.assertions(
        Document(id="test", text="Kenya's Foreign Ministry accused the Somali government of meddling.")
    )
    accusers = [a.subject for a in assertions if a.predicate == "ACCUSED"]
    assert accusers, _show(assertions)
    assert accusers[0].mention.text == "Kenya's Foreign Ministry", _show(assertions)
    assert accusers[0].entity.name == "Foreign Ministry" and accusers[0].entity.id.startswith(
        "organization:KEN:"
    )


def test_a_state_ordering_its_own_forces_demands_nothing_of_another(pipeline):
    found, assertions = _found(pipeline, "Chile ordered troops to guard the ports and the airport.")
    assert not any(p == "DEMANDED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "The United Nations urged the army to end the crackdown.")
    assert any(p == "DEMANDED" for _, p, _ in found), _show(assertions)


def test_an_air_force_scrambling_jets_at_home_sends_no_troops(pipeline):
    text = (
        "Chile's Air Force scrambled several fighter jets on Sunday when two aircraft from Peru "
        "crossed into its airspace."
    )
    found, assertions = _found(pipeline, "Chile is the focus of this story. " + text)
    assert not any(p == "SENT_TROOPS_TO" and o == "Chile" for _, p, o in found), _show(assertions)


def test_a_described_person_acts_not_the_description(pipeline):
    text = "On Saturday, the U.S. special envoy to the region, Jo Harlan, met Prime Minister Ana Velde."
    found, assertions = _found(pipeline, text)
    assert ("Jo Harlan", "MET_WITH", "Ana Velde") in found, _show(assertions)
    assert ("Jo Harlan", "OFFICIAL_OF", "United States") in found, _show(assertions)
    assert not any(p == "MET_WITH" and s != "Jo Harlan" for s, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,triple,wrong",
    [
        # "she" is the person the sentence before was about, not the last person it named
        (
            "Peruvian President Ana Quispe met Chile's foreign minister on Monday. "
            "She accused Bolivia of sending troops to the border.",
            ("Ana Quispe", "ACCUSED", "Bolivia"),
            "Chile's foreign minister",
        ),
        (
            "Jo Harlan, the leader of the movement, visited Ecuador, where officials received Ana Quispe. "
            "He later met President Tomas Reyes.",
            ("Jo Harlan", "MET_WITH", "Tomas Reyes"),
            "Ana Quispe",
        ),
    ],
)
def test_a_pronoun_takes_the_subject_before_it(pipeline, text, triple, wrong):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)
    assert not any(s == wrong for s, _, _ in found), _show(assertions)


def test_a_word_of_a_persons_full_name_is_that_person_whatever_its_tag(pipeline):
    # the tagger takes a lone surname in a headline for a place or an organisation
    text = (
        "Peru's Quispe, Chile's Harlan meet at summit\n\n"
        "Peruvian President Ana Quispe met Chilean President Jo Harlan in Lima on Monday."
    )
    found, assertions = _found(pipeline, text)
    assert ("Ana Quispe", "MET_WITH", "Jo Harlan") in found, _show(assertions)
    quispe = [a.subject.entity for a in assertions if a.subject.entity.name.endswith("Quispe")]
    assert quispe and all(e.type == "Person" for e in quispe)
    assert not any(p in {"LOCATED_IN", "BASED_IN"} for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        (
            "Jo Harlan, Peru's permanent representative to the United Nations, spoke.",
            ("Jo Harlan", "OFFICIAL_OF", "Peru"),
        ),
        (
            "Jo Harlan, the Chilean ambassador to the European Union, spoke.",
            ("Jo Harlan", "OFFICIAL_OF", "Chile"),
        ),
        (
            "Jo Harlan, the African Union's envoy to Somalia, spoke.",
            ("Jo Harlan", "OFFICIAL_OF", "African Union"),
        ),
        ("Jo Harlan, the ambassador of Peru to Chile, spoke.", ("Jo Harlan", "OFFICIAL_OF", "Peru")),
    ],
)
def test_a_diplomat_serves_the_one_who_sends_not_where_posted(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)
    assert len({o for _, p, o in found if p == "OFFICIAL_OF"}) == 1, _show(assertions)


def test_a_parliament_or_a_court_acts_in_its_own_name_not_the_governments(pipeline):
    found, assertions = _found(
        pipeline, "The Peruvian parliament voted to oust President Ana Quispe on Saturday."
    )
    assert ("Peruvian parliament", "OVERTHREW", "Ana Quispe") in found, _show(assertions)
    assert not any("government" in s for s, _, _ in found), _show(assertions)
    organ = next(a.subject.entity for a in assertions if a.predicate == "OVERTHREW")
    assert organ.type == "Organization" and organ.id.startswith("organization:PER:")
    found, assertions = _found(
        pipeline, "A court in Lima indicted former President Jo Harlan for corruption."
    )
    assert not any(s == "government" or s.endswith(" government") for s, _, _ in found), _show(assertions)


def test_a_one_word_dateline_before_a_dash_is_no_actor(pipeline):
    text = (
        "LIMA — Protesters on Tuesday stormed Peru's parliament in Lima, getting past a police cordon "
        "as MPs voted."
    )
    found, assertions = _found(pipeline, text)
    assert found and not any(s in {"Lima", "Peruvian government"} for s, _, _ in found), _show(assertions)


def test_what_must_be_done_is_no_demand_of_the_passives_agent(pipeline):
    found, assertions = _found(pipeline, "The treaty must be approved by Congress, Peruvian officials said.")
    assert not any(p == "DEMANDED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(
        pipeline, "Peru must withdraw its troops from the border, Chile's foreign minister said."
    )
    assert any(p == "DEMANDED" and o == "Peru" for _, p, o in found), _show(assertions)


def test_attacking_someone_for_what_they_do_is_a_reproach_not_force(pipeline):
    found, assertions = _found(pipeline, "Chile's president attacked Peru for supporting the rebels.")
    assert ("Chile", "ATTACKED", "Peru") not in found and not any(p == "ATTACKED" for _, p, _ in found)
    found, assertions = _found(pipeline, "Peru attacked Chile for the second time.")
    assert ("Peru", "ATTACKED", "Chile") in found, _show(assertions)


def test_support_ended_or_cut_is_no_support(pipeline):
    for text in (
        "The measures include an end to Chilean assistance to Peru and a ban on arms exports.",
        "Chile halted its military aid to Peru in March.",
    ):
        found, assertions = _found(pipeline, text)
        assert ("Chile", "SUPPORTED", "Peru") not in found, _show(assertions)
    found, assertions = _found(pipeline, "Chile announced military aid to Peru.")
    assert ("Chile", "SUPPORTED", "Peru") in found, _show(assertions)


def test_a_capitalised_first_word_before_a_group_noun_is_no_person(pipeline):
    text = "Renegade soldiers stormed the palace on Thursday. He asked Peru to recognise the new leaders."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Renegade" or o == "Renegade" for s, _, o in found), _show(assertions)


def test_from_x_to_y_is_a_span_not_a_seat(pipeline):
    text = "The African Union and world powers from Paris to Washington called for a return to civilian rule."
    found, assertions = _found(pipeline, text)
    assert not any(p == "BASED_IN" and o in {"Paris", "Washington"} for _, p, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Delegates of the Red Cross from Geneva arrived in Lima.")
    assert ("Red Cross", "BASED_IN", "Geneva") in found, _show(assertions)


def test_protesters_are_protesters_not_the_political_opposition(pipeline):
    found, assertions = _found(pipeline, "Peruvian protesters stormed the Chilean embassy in Lima.")
    attack = next(a for a in assertions if a.predicate == "ATTACKED")
    assert (attack.subject.entity.id, attack.subject.entity.sector) == ("group:PER:protesters", "protesters")
    # an embassy is its state's organ, not "the government"
    assert (attack.object.entity.name, attack.object.entity.type) == ("Chilean embassy", "Organization")
    found, assertions = _found(
        pipeline, "Peruvian opposition activists accused the government of Chile of fraud."
    )
    assert next(a.subject.entity for a in assertions if a.predicate == "ACCUSED").sector == "opposition"


def test_a_title_the_tagger_took_for_an_organisation_is_no_entity(pipeline):
    found, assertions = _found(pipeline, "Jo Harlan met Peru's Supreme Leader, Ana Quispe, in Lima.")
    assert ("Jo Harlan", "MET_WITH", "Ana Quispe") in found or not any(
        o == "Supreme Leader" for _, _, o in found
    )
    assert not any("Supreme Leader" in (s, o) for s, _, o in found), _show(assertions)
    found, assertions = _found(
        pipeline, "Bahrain's Foreign Ministry accused the government of Qatar of meddling."
    )
    assert any(p == "ACCUSED" for _, p, _ in found), _show(assertions)  # a ministry stays an organisation


def test_a_family_name_written_first_is_the_full_name_it_opens(pipeline):
    text = (
        "Wu meets Peru's president\n\n"
        "President Wu Jianmin of China held talks with Ana Quispe, the Peruvian president."
    )
    found, assertions = _found(pipeline, text)
    assert {a.subject.entity.id for a in assertions if a.predicate == "MET_WITH"} == {"person:wu-jianmin"}, (
        _show(assertions)
    )


def test_a_whole_country_is_never_held_captive(pipeline):
    found, assertions = _found(
        pipeline, "The rebels who hold most of southern Peru seized Chile's consul in Lima."
    )
    assert not any(p == "ARRESTED" and o in {"Peru", "Chile"} for _, p, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Chilean police detained the opposition leader Jo Harlan.")
    assert any(p == "ARRESTED" and o == "Jo Harlan" for _, p, o in found), _show(assertions)


def test_a_dateline_closed_by_an_underscore_is_no_actor(pipeline):
    found, assertions = _found(pipeline, "LIMA, Peru (AP) _ Rebels seized 20 Chilean soldiers on Monday.")
    assert not any(s in {"AP", "Peru", "Peruvian government"} for s, _, _ in found), _show(assertions)


def test_two_persons_clash_in_words_not_arms(pipeline):
    found, assertions = _found(
        pipeline, "Prime Minister Jo Harlan clashed with President Ana Quispe over the budget."
    )
    assert not any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Peruvian troops clashed with Chilean soldiers near the border.")
    assert any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,home",
    [
        ("Lima police chief spokesman Jo Harlan denied the report.", None),
        ("Santiago's chief negotiator Jo Harlan met the envoy.", None),
        ("Jo Harlan, a Lima businessman, said he had seized power.", "Lima"),
    ],
)
def test_a_towns_official_does_not_live_there_by_title(pipeline, text, home):
    found, assertions = _found(pipeline, text)
    homes = {o for s, p, o in found if p == "LIVES_IN" and s == "Jo Harlan"}
    assert homes == ({home} if home else set()), _show(assertions)


# -- classes from the sixth audit (fresh articles, judged) ----------------------------------------
def _full(pipeline: Pipeline, text: str) -> tuple[set[tuple[str, str, str, str]], list[Assertion]]:
    """(subject, predicate, object, modality) of a multi-sentence article."""
    assertions = pipeline.assertions(Document(id="test6", text=text, published="2024-05-02"))
    found = {
        (a.subject.entity.name, a.predicate, a.object.entity.name, a.qualifiers.modality) for a in assertions
    }
    return found, assertions


def test_a_common_noun_set_off_by_a_comma_after_a_name_is_that_name(pipeline):
    # the parser reads "X, the militia and party backed by Y" as a conjunct: it is an apposition
    text = "Vela is an ally of Hezbollah, the Beirut-based militia and political party backed by Iran."
    found, assertions = _found(pipeline, text)
    assert ("Iran", "SUPPORTED", "Hezbollah") in found, _show(assertions)
    assert not any("military" in (s, o) for s, _, o in found), _show(assertions)


def test_a_plural_noun_that_names_its_members_is_them(pipeline):
    found, assertions = _found(
        pipeline, "Several African countries including Ghana and Benin condemned the coup."
    )
    assert {("Ghana", "CONDEMNED", "coup"), ("Benin", "CONDEMNED", "coup")} <= found, _show(assertions)
    assert not any(s == "government" for s, _, _ in found), _show(assertions)


def test_officials_of_several_states_are_no_one_actor(pipeline):
    found, assertions = _found(
        pipeline, "Foreign ministers from 12 countries condemned the arrest of Jo Lano."
    )
    assert not any(p == "CONDEMNED" for _, p, _ in found), _show(assertions)


def test_a_name_the_tagger_split_at_a_demonym_is_one_organisation(pipeline):
    found, assertions = _found(pipeline, "Egypt bombed Islamic State targets inside Libya.")
    assert ("Egypt", "ATTACKED", "Islamic State") in found, _show(assertions)
    assert not any(o == "government" for _, _, o in found), _show(assertions)


def test_the_group_refers_back_to_the_organisation_named_before(pipeline):
    text = (
        "Chad said it bombed Islamic State camps near Lake Chad. It was the first time Chad "
        "confirmed launching air strikes against the group in Niger."
    )
    found, assertions = _full(pipeline, text)
    attacked = {o for s, p, o, _ in found if s == "Chad" and p == "ATTACKED"}
    assert attacked == {"Islamic State"}, _show(assertions)
    assert not any(p == "PROTESTED_AGAINST" for _, p, _, _ in found), _show(assertions)  # air strikes


def test_a_surname_two_persons_share_is_neither(pipeline):
    text = (
        "Jo Varga arrived in Lima on Sunday. Traveling with his wife Ana Varga, the president "
        "visited the old town. Varga has asked Congress to lift the embargo."
    )
    found, assertions = _full(pipeline, text)
    askers = {s for s, p, _, _ in found if p == "DEMANDED"}
    assert askers == {"Varga"}, _show(assertions)


def test_troops_ordered_somewhere_are_sent_not_asked(pipeline):
    found, assertions = _found(
        pipeline, "President Jo Lano ordered 2,000 troops of Chad into Niger on Monday."
    )
    assert not any(p == "DEMANDED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Chad ordered Nigerien troops to withdraw from Lake Chad.")
    assert any(p == "DEMANDED" for _, p, _ in found), _show(assertions)  # an order to a foreign force


def test_welcoming_a_person_is_a_greeting_not_support(pipeline):
    found, assertions = _found(pipeline, "President Jo Lano welcomed Ana Ruiz at the airport of Lima.")
    assert not any(p == "SUPPORTED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Chile welcomed the decision of Peru.")
    assert ("Chile", "SUPPORTED", "Peru") in found, _show(assertions)


def test_a_plot_is_planned_and_a_foiled_one_negated(pipeline):
    found, _ = _full(pipeline, "Chad was behind a plot to kill President Jo Lano.")
    assert ("Chad", "KILLED", "Jo Lano", "planned") in found
    found, _ = _full(pipeline, "Chad was behind a foiled plot to kill President Jo Lano.")
    assert ("Chad", "KILLED", "Jo Lano", "negated") in found
    found, _ = _full(
        pipeline, "The envoy complained that Peruvian police were not doing enough to capture Jo Lano."
    )
    assert {m for _, p, _, m in found if p == "ARRESTED"} == {"negated"}
    found, _ = _full(pipeline, "The vote was 13 to one, with Chad voting against the sanctions on Niger.")
    assert {m for _, p, _, m in found if p == "SANCTIONED"} <= {"negated"}


def test_no_office_without_a_title(pipeline):
    for text, relation in (
        ("Jo Li, a critic of the Andean Council, spoke on Monday.", None),
        ("Jo Li, an opponent of the Andean Council, spoke on Monday.", None),
        ("Jo Li, a member of the Andean Council, spoke on Monday.", "MEMBER_OF"),
        ("Jo Li, a spokesman for the Andean Council, spoke on Monday.", "OFFICIAL_OF"),
    ):
        found, assertions = _found(pipeline, text)
        held = {p for s, p, o in found if s == "Jo Li" and o == "Andean Council"}
        assert held == ({relation} if relation else set()), (text, _show(assertions))


def test_an_advisers_title_is_not_the_leader_it_advises(pipeline):
    text = (
        "Vela\u2019s election drew immediate praise from a top adviser to Iran\u2019s supreme leader "
        "Ali Rahimi."
    )
    found, assertions = _found(pipeline, text)
    assert ("Ali Rahimi", "LEADER_OF", "Iran") in found, _show(assertions)
    assert ("Ali Rahimi", "OFFICIAL_OF", "Iran") not in found, _show(assertions)  # the parser's apposition


def test_a_capitalised_word_is_no_event_and_a_failure_is_its_doers(pipeline):
    found, assertions = _found(pipeline, "Jo Lano has not publicly criticized Varga.")
    assert not any(o.lower() == "varga" and p == "CONDEMNED" for _, p, o in found if o != "Varga"), _show(
        assertions
    )
    # an actor is not the target of its own phrase: "Chile's minister ... its failure" (its = Chile)
    text = "Chile's foreign minister denounced its failure to respond to the crisis."
    found, assertions = _found(pipeline, text)
    assert not any(o in {"Chile", "failure"} for _, p, o in found if p == "CONDEMNED"), _show(assertions)


def test_a_demonym_after_ethnic_or_indigenous_names_a_people(pipeline):
    found, assertions = _found(pipeline, "He named indigenous Indian leader Antonio Vargas to the council.")
    assert not any(o == "India" for _, _, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Ethnic Albanian rebels attacked the police in Kumanovo.")
    assert not any(s in {"Albanian military", "Albania"} for s, _, _ in found), _show(assertions)


def test_an_envoy_expelled_is_a_sanction_on_the_state_not_the_person(pipeline):
    found, assertions = _found(
        pipeline, "The Government of Peru has decided to expel the Ambassador Ana Molero."
    )
    assert not any(p == "SANCTIONED" and o == "Ana Molero" for _, p, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Peru expelled the Venezuelan ambassador.")
    assert ("Peru", "SANCTIONED", "Venezuela") in found, _show(assertions)


def test_a_government_named_by_its_titled_leader_is_that_countrys(pipeline):
    text = "The envoy accused Venezuelan President Jo Lano's government of tolerating the rebels."
    found, assertions = _found(pipeline, text)
    assert any(p == "ACCUSED" and o == "Venezuelan government" for _, p, o in found), _show(assertions)


def test_a_leader_protecting_his_own_country_supports_no_one(pipeline):
    text = (
        "Lebanese President Jo Lano spoke on Monday. "
        "Jo Lano pledged to protect Lebanon from the fires raging around it."
    )
    found, assertions = _full(pipeline, text)
    assert not any(p == "SUPPORTED" and o == "Lebanon" for _, p, o, _ in found), _show(assertions)


def test_a_dateline_place_gives_no_group_its_country(pipeline):
    text = (
        "ALMATY, Kazakhstan – Opposition demonstrators pushed past riot police and seized the "
        "government headquarters on Thursday in Kyrgyzstan."
    )
    found, assertions = _full(pipeline, text)
    assert not any("Kazakh" in s for s, _, _, _ in found), _show(assertions)
    assert not any(p == "DEMANDED" for _, p, _, _ in found), _show(assertions)  # pushed past: no demand


def test_an_acronym_in_mixed_case_is_only_its_own_record(pipeline):
    text = (
        "Sudanese television reported that money would be paid to anyone who arrests JEM leader Khalil Musa."
    )
    found, assertions = _found(pipeline, text)
    assert not any("Jaish" in o for _, _, o in found), _show(assertions)


def test_a_ranked_title_is_the_title(pipeline):
    # "First Vice-President": an office of the state, not a nationality by the possessive
    found, assertions = _found(pipeline, "Chad's First Vice-President Ali Osman Lano signed the accord.")
    assert ("Ali Osman Lano", "OFFICIAL_OF", "Chad") in found, _show(assertions)


# -- classes from the seventh audit ----------------------------------------------------------------
def test_a_possessor_names_its_country_whole(pipeline):
    for text, name in (
        ("South Sudan's government accused Chad of arming the rebels.", "South Sudanese government"),
        ("The Central African Republic's government accused Chad of arming the rebels.", "Central African"),
    ):
        found, assertions = _found(pipeline, text)
        accusers = {s for s, p, _ in found if p == "ACCUSED"}
        assert accusers and all(name in s for s in accusers), (text, _show(assertions))


def test_supporters_of_a_government_are_not_the_government(pipeline):
    found, assertions = _found(
        pipeline, "Clashes between the protesters and government supporters left three dead."
    )
    assert not any(o == "government" or s == "government" for s, _, o in found), _show(assertions)


def test_striking_against_a_target_is_no_protest(pipeline):
    text = "Chad warned that it could deploy missiles to strike against air defence sites in Niger."
    found, assertions = _found(pipeline, text)
    assert not any(p == "PROTESTED_AGAINST" for _, p, _ in found), _show(assertions)


def test_denouncing_an_accord_ends_it(pipeline):
    found, assertions = _found(pipeline, "The government of Chad denounced the accord with France on Monday.")
    assert not any(p == "CONDEMNED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "The government of Chad denounced the attack on Niger.")
    assert any(p == "CONDEMNED" for _, p, _ in found), _show(assertions)


def test_a_person_tagged_as_an_organisation_is_the_person_named_so(pipeline):
    text = (
        "Varga announces new military aid to Ukraine\n\n"
        "President Varga announced on Wednesday that Peru will provide Ukraine with aid. Diplomats "
        "say Chile expelled Ruiz earlier this year, after Jo Ruiz Lano had fled Peru."
    )
    found = pipeline.assertions(
        Document(id="t7", text=text, title=text.split("\n")[0], published="2024-05-02")
    )
    for a in found:
        for arg in (a.subject.entity, a.object.entity):
            if arg.name in {"Varga", "Ruiz"}:
                assert arg.type == "Person", _show(found)


def test_one_of_several_leaders_is_an_official(pipeline):
    found, assertions = _found(pipeline, "A senior Hamas leader, Jo Lano, was killed in Dubai.")
    assert ("Jo Lano", "OFFICIAL_OF", "Hamas") in found, _show(assertions)
    assert ("Jo Lano", "LEADER_OF", "Hamas") not in found, _show(assertions)
    found, assertions = _found(pipeline, "The Hamas leader, Ismail Lano, spoke in Doha.")
    assert ("Ismail Lano", "LEADER_OF", "Hamas") in found, _show(assertions)


def test_a_name_the_tagger_began_late_is_whole(pipeline):
    # NER tags "Manuel Ortega" alone here, and "Presidents Juan Manuel Varga" with the title
    for name in ("Juan Manuel Ortega", "Juan Manuel Varga"):
        text = (
            f"He also dismissed calls from leaders such as Presidents {name} of Colombia and "
            "Sebastian Lano of Chile to respect the political rights of the opposition."
        )
        found, assertions = _found(pipeline, text)
        assert (name, "NATIONAL_OF", "Colombia") in found, _show(assertions)


# --- audit 8: what a demand asks of another, collectives, delegations, counted peoples


def test_what_is_asked_of_another_is_no_act_of_theirs(pipeline):
    for text, asked in (
        ("The envoy urged the Peruvian army to abandon Jo Lano and recognise Ana Kord.", "RECOGNIZED"),
        ("Peru and Bolivia have demanded that Chile sever all ties with Argentina.", "SANCTIONED"),
        ("Kenya called on Uganda to withdraw its troops and to attack the rebels.", "ATTACKED"),
    ):
        found, assertions = _found(pipeline, text)
        assert not any(p == asked for _, p, _ in found), (text, _show(assertions))
        assert any(p == "DEMANDED" for _, p, _ in found), (text, _show(assertions))
    # an order to one's own forces stays a planned act
    found, assertions = _found(pipeline, "President Ana Kord ordered the army to attack the rebels.")
    assert any(p == "ATTACKED" for _, p, _ in found), _show(assertions)


def test_the_international_community_is_one_collective_not_civilians(pipeline):
    found, assertions = _found(pipeline, "Chile urged the international community to act.")
    assert ("Chile", "DEMANDED", "international community") in found, _show(assertions)
    assert not any("civilians" in o for _, _, o in found), _show(assertions)


def test_a_participle_after_what_is_asked_is_the_askers(pipeline):
    text = "Jo Lano demanded the world take action, accusing Chile of an assault on Peru."
    found, assertions = _found(pipeline, text)
    assert ("Jo Lano", "ACCUSED", "Chile") in found, _show(assertions)


def test_the_head_of_a_delegation_leads_only_the_delegation(pipeline):
    text = "A Chilean delegation headed by Foreign Minister Ana Kord and Jo Lano attended the inauguration."
    found, assertions = _found(pipeline, text)
    assert not any(p == "LEADER_OF" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "The Chilean government, led by Jo Lano, fell.")
    assert any(p == "LEADER_OF" and s == "Jo Lano" for s, p, _ in found), _show(assertions)


def test_persons_counted_by_a_demonym_are_people_not_their_state(pipeline):
    for text in (
        "Thousands of Peruvians marched in support of Jo Lano on Monday.",
        "At least 39 Chileans were killed by Peruvian forces on Monday.",
    ):
        found, assertions = _found(pipeline, text)
        assert found and not any("Peru" == x or "Chile" == x for s, _, o in found for x in (s, o)), (
            text,
            _show(assertions),
        )
        assert any("civilians" in s or "civilians" in o for s, _, o in found), (text, _show(assertions))


def test_congratulating_someone_on_a_deed_makes_them_its_doer(pipeline):
    text = "Bush congratulated President Ana Kord on apprehending Jo Lano when they met on Wednesday."
    found, assertions = _found(pipeline, text)
    assert ("Ana Kord", "ARRESTED", "Jo Lano") in found, _show(assertions)
    assert not any(s == "Bush" and p == "ARRESTED" for s, p, _ in found), _show(assertions)


def test_a_country_of_two_words_modifies_a_group_whole(pipeline):
    for text, name in (
        ("The South Sudanese army attacked Bentiu.", "South Sudanese military"),
        ("The North Korean government was behind the attack on Japan.", "North Korean government"),
    ):
        found, assertions = _found(pipeline, text)
        assert any(s == name for s, _, _ in found), (text, _show(assertions))


def test_the_rest_of_a_set_of_states_is_no_actor(pipeline):
    found, assertions = _found(pipeline, "Saudi Arabia and other Gulf states say Qatar must close the base.")
    assert ("Saudi Arabia", "DEMANDED", "Qatar") in found, _show(assertions)
    assert not any(s == "government" for s, _, _ in found), _show(assertions)


def test_a_protest_lodged_with_a_state_is_disapproval_not_a_demonstration(pipeline):
    found, assertions = _found(pipeline, "Chile lodged a strong protest with Peru over the incursion.")
    assert ("Chile", "CONDEMNED", "Peru") in found, _show(assertions)
    assert not any(p == "PROTESTED_AGAINST" for _, p, _ in found), _show(assertions)
    # summoned to hear a protest: the summoner protests, the envoy is only summoned
    text = "Russia summoned the Moldovan envoy to lodge a strong protest against the expulsions."
    found, assertions = _found(pipeline, text)
    assert not any(p in {"PROTESTED_AGAINST", "CONDEMNED"} and "envoy" in s for s, p, _ in found), _show(
        assertions
    )
    assert any(s == "Russia" and p == "CONDEMNED" for s, p, _ in found), _show(assertions)


# --- audit 9: names a tagger calls persons, the kind of an attack


def test_a_capital_tagged_as_a_person_is_the_city(pipeline):
    for text in (
        "BAMAKO: Gunmen attacked an army post near the border on Monday, officials said.",
        "The warship was visiting Dakar on a training mission when the coup began.",
    ):
        assertions = pipeline.assertions(Document(id="t", text=text))
        people = {a.subject.entity.name for a in assertions if a.subject.entity.type == "Person"}
        people |= {a.object.entity.name for a in assertions if a.object.entity.type == "Person"}
        assert not people & {"BAMAKO", "Bamako", "Dakar"}, _show(assertions)


def test_a_name_joined_by_an_izafa_is_a_movement(pipeline):
    # (the tagger calls this one a person)
    text = (
        "Indian officials said the Kashmiri separatist group Lashkar-e-Tarsk was responsible for the "
        "attack on Parliament."
    )
    found, assertions = _found(pipeline, text)
    kinds = {a.subject.entity.type for a in assertions if a.subject.entity.name == "Lashkar-e-Tarsk"}
    assert kinds == {"Organization"}, _show(assertions)


def test_a_plural_name_after_the_is_a_group_and_a_name_before_a_movement_is_no_person(pipeline):
    text = (
        "Yemen's rebel Tarsi movement said it had carried out a military attack on Oman. "
        "The Tarsis have also claimed attacks on Saudi Arabia."
    )
    assertions = pipeline.assertions(Document(id="t", text=text))
    for a in assertions:
        for arg in (a.subject.entity, a.object.entity):
            if "Tarsi" in arg.name:
                assert arg.type != "Person", _show(assertions)
    attackers = {a.subject.entity.name for a in assertions if a.predicate == "ATTACKED"}
    assert attackers and "military" not in attackers, _show(assertions)  # "a military attack": its kind


def test_a_numbered_unit_keeps_its_number(pipeline):
    found, assertions = _found(pipeline, "Troops from the 10th Mountain Division based in Fort Drum arrived.")
    assert ("10th Mountain Division", "BASED_IN", "Fort Drum") in found, _show(assertions)


def test_an_organisation_cut_after_its_head_word_is_named_whole(pipeline):
    text = (
        "Tarskkiri, a website run by the North's Committee for the Peaceful Reunification of the "
        "Fatherland, criticised the exercise."
    )
    assertions = pipeline.assertions(Document(id="t", text=text))
    names = {x.entity.name for a in assertions for x in (a.subject, a.object)}
    assert not names & {"Peaceful Reunification", "Fatherland"}, _show(assertions)
    assert not any(a.subject.entity.type == "Person" for a in assertions), _show(assertions)
    # a place after "of" is where it is, not a word of its name; nor is a person after "and"
    found, assertions = _found(
        pipeline, "Judge Jo Lano of the Supreme Court of Peru and Ana Kord of NASA spoke."
    )
    assert not any("NASA" in s or "Peru" in s for s, _, _ in found if s != "Ana Kord"), _show(assertions)


def test_a_junta_is_the_military_not_the_government_it_ousted(pipeline):
    text = (
        "Thai junta ousts government\n\nA military junta took over Thailand on Saturday and detained "
        "Prime Minister Jo Lano. The government had called for calm. The junta warned the media."
    )
    assertions = pipeline.assertions(Document(id="t", text=text, title="Thai junta ousts government"))
    arrested = {a.subject.entity.id for a in assertions if a.predicate == "ARRESTED"}
    assert arrested and all(":military" in i for i in arrested), _show(assertions)


def test_an_order_to_ones_own_body_or_forces_is_no_demand(pipeline):
    for text in (
        "U.N. Secretary-General Jo Lano ordered U.N. workers to leave.",
        "President Ana Kord of Peru ordered the Peruvian army to leave the capital.",
    ):
        found, assertions = _found(pipeline, text)
        assert not any(p == "DEMANDED" for _, p, _ in found), (text, _show(assertions))
    found, assertions = _found(pipeline, "President Ana Kord of Peru urged Chile to withdraw.")
    assert ("Ana Kord", "DEMANDED", "Chile") in found, _show(assertions)


def test_an_organisations_headquarters_in_a_place_is_where_it_is_based(pipeline):
    found, assertions = _found(
        pipeline, "Protesters gathered outside NATO headquarters in Brussels on Monday."
    )
    assert any(p == "BASED_IN" and o == "Brussels" for _, p, o in found), _show(assertions)


def test_a_conjunct_after_weapons_as_subject_is_not_the_speakers(pipeline):
    text = "Peruvian missiles struck a factory and killed two people in the capital, the government said."
    found, assertions = _found(pipeline, text)
    assert not any(s == "government" and p == "KILLED" for s, p, _ in found), _show(assertions)
    # the weapons' owner, named by its demonym, is the one who killed
    assert any(s == "Peru" and p == "KILLED" for s, p, _ in found), _show(assertions)


# --- audit 10 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, actor",
    [
        (
            "The Peruvian officers held talks with Chile's Ando Wal Kuna militia near Tarsk on Friday.",
            "Ando Wal Kuna",
        ),
        ("Sources said the Jeysh Nura insurgents attacked the town of Tarsk.", "Jeysh Nura"),
    ],
)
def test_a_name_before_an_armed_groups_noun_is_the_movement(pipeline, text, actor):
    found, assertions = _found(pipeline, text)
    ids = {a.subject.entity.id for a in assertions} | {a.object.entity.id for a in assertions}
    assert any(i.startswith("organization:") and actor.lower().split()[0] in i for i in ids), _show(
        assertions
    )
    assert not any(":military" in i or "rebels" in i for i in ids), _show(assertions)


def test_a_name_ner_took_for_a_person_is_the_organisation_the_article_names_so(pipeline):
    text = (
        "Jeysh Nura seizes 200 students\n\nThe Jeysh Nura insurgents on Monday attacked the town of "
        "Tarsk in Peru, officials said."
    )
    assertions = pipeline.assertions(Document(id="t", text=text, title="Jeysh Nura seizes 200 students"))
    typed = {a.subject.entity.type for a in assertions if a.subject.entity.name == "Jeysh Nura"}
    assert typed == {"Organization"}, _show(assertions)


@pytest.mark.parametrize(
    "text", ["Pro-Chilean separatists attacked Tarsk.", "Anti-Chilean protesters attacked Tarsk."]
)
def test_a_stance_toward_a_country_is_not_the_country(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert assertions, text
    assert not any(a.subject.entity.id.startswith(("group:CHL", "country:CHL")) for a in assertions), _show(
        assertions
    )


def test_a_holder_written_after_a_title_is_not_another_states_holder(pipeline):
    text = (
        "Peruvian President Jo Lano arrived on Monday. Chilean police detained the leader of the "
        "opposition Andean Unity Party (AUP) in Valparaiso."
    )
    found, assertions = _found(pipeline, text)
    assert not any(p == "ARRESTED" and o == "Jo Lano" for _, p, o in found), _show(assertions)


def test_an_indefinite_title_is_no_one_in_office(pipeline):
    text = (
        "Peruvian President Jo Lano arrived on Monday. "
        "Chileans have not had a visit by a Peruvian president in years."
    )
    found, assertions = _found(pipeline, text)
    assert ("Jo Lano", "LEADER_OF", "Peru") in found, _show(assertions)
    assert ("Jo Lano", "OFFICIAL_OF", "Peru") not in found, _show(assertions)


def test_a_states_head_with_a_rank_leads_it(pipeline):
    found, assertions = _found(pipeline, "Peru's head Gen. Jo Lano met the envoy on Monday.")
    assert ("Jo Lano", "LEADER_OF", "Peru") in found, _show(assertions)
    assert ("Jo Lano", "OFFICIAL_OF", "Peru") not in found, _show(assertions)


def test_a_building_in_apposition_is_no_person(pipeline):
    found, assertions = _found(pipeline, "Gunmen stormed Tarsk Gate, a mall in the capital.")
    named = [e for a in assertions for e in (a.subject.entity, a.object.entity) if "Gate" in e.name]
    assert not named, _show(assertions)


def test_an_unnamed_role_holds_no_office_nationality_or_home(pipeline):
    found, assertions = _found(
        pipeline, "Chile decided on Monday to expel the North Korean ambassador from Santiago."
    )
    assert not any(p in {"NATIONAL_OF", "OFFICIAL_OF", "LIVES_IN"} for _, p, _ in found), _show(assertions)


def test_crowds_overwhelming_police_attack_them_and_a_restatement_takes_the_dated_one(pipeline):
    text = (
        "Chilean troops crossed into Peru, two days after protesters overran police in Lima. "
        "Demonstrators had overwhelmed Peruvian police on Sunday."
    )
    doc = Document(id="t", text=text, published="2024-03-12")  # a Tuesday
    assertions = pipeline.assertions(doc)
    attacks = [
        a for a in assertions if a.predicate == "ATTACKED" and a.object.entity.name == "Peruvian police"
    ]
    assert len(attacks) == 2, _show(assertions)
    assert {a.qualifiers.date for a in attacks} == {"2024-03-10"}, _show(assertions)


def test_a_date_hung_on_how_far_a_place_lies_dates_the_clause_of_the_place(pipeline):
    text = (
        "Rebels took the town of Tarsk, which lies about 60 km north of Lima in March 2019 "
        "before Chilean troops returned."
    )
    assertions = pipeline.assertions(Document(id="t", text=text, published="2016-04-05"))
    seized = [a for a in assertions if a.predicate == "ATTACKED" and a.object.entity.name == "Tarsk"]
    assert seized and {a.qualifiers.date for a in seized} == {"2019-03"}, _show(assertions)
    # a state with a time of its own keeps its date
    text = "Rebels seized the town of Tarsk, which was under siege in 2014."
    assertions = pipeline.assertions(Document(id="u", text=text, published="2016-04-05"))
    assert all(a.qualifiers.date is None for a in assertions if a.predicate == "ATTACKED"), _show(assertions)


# --- audit 11 ---------------------------------------------------------------------------------


def test_a_datelines_month_is_no_organisation(pipeline):
    found, assertions = _found(pipeline, "LIMA, OCT. 3 -- Soldiers seized the radio station on Friday.")
    assert not any(a.subject.entity.type == "Organization" for a in assertions), _show(assertions)


def test_a_demonym_after_a_comma_is_the_next_clauses_not_the_places_country(pipeline):
    found, assertions = _found(
        pipeline, "Rebels seized a tanker in the Gulf of Tarsk, Chilean officials said."
    )
    assert not any(p == "LOCATED_IN" and o == "Chile" for _, p, o in found), _show(assertions)
    found, assertions = _found(pipeline, "LIMA, Peru - Chile sent 300 troops to Bolivia.")
    assert ("Lima", "LOCATED_IN", "Peru") in found, _show(assertions)


def test_a_description_written_before_a_name_is_the_named_organisation(pipeline):
    from spacy.tokens import Doc

    from kg.loaders import lexicon
    from kg.loaders.mentions import organization_mention

    nlp = pipeline.extractor.nlp
    words = ["Peruvian", "militant", "movement", "Sendero", "Rojo", "has", "trained", "fighters", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        pos=["ADJ", "NOUN", "NOUN", "PROPN", "PROPN", "AUX", "VERB", "NOUN", "PUNCT"],
        heads=[2, 2, 6, 4, 6, 6, 6, 6, 6],
        deps=["amod", "amod", "dobj", "compound", "nsubj", "aux", "ROOT", "dobj", "punct"],
        ents=["B-NORP", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"],
        lemmas=["peruvian", "militant", "movement", "Sendero", "Rojo", "have", "train", "fighter", "."],
    )
    found = organization_mention(doc[2], lexicon.actors())
    assert found is not None and (found.type, found.text) == ("Organization", "Sendero Rojo")


def test_a_bare_group_after_a_qualified_one_is_it_not_the_focus_countrys():
    text = (
        "Peru sends troops into Chile\n\nPeruvian soldiers crossed into Chile on Monday to chase "
        "armed Quechan rebels, the military said. Peru has long fought the rebels. "
        "Lima said the rebels attacked Peru from bases in Chile."
    )
    assertions = Pipeline().assertions(Document(id="t", text=text, title="Peru sends troops into Chile"))
    rebels = {e.id for a in assertions for e in (a.subject.entity, a.object.entity) if "rebels" in e.id}
    assert rebels == {"group:quechan-rebels@t"}, _show(assertions)


def test_a_title_with_its_country_after_it_is_that_countrys_named_holder(pipeline):
    text = (
        "President Jo Lano of Peru arrived in Santiago on Monday. "
        "The president of Peru then met Chilean President Ana Kord."
    )
    found, assertions = _found(pipeline, text)
    assert ("Jo Lano", "MET_WITH", "Ana Kord") in found, _show(assertions)


def test_a_demonym_with_no_noun_is_no_state(pipeline):
    from spacy.tokens import Doc

    from kg.loaders.events import _bare_demonym

    # the parse headlines get: the first of two coordinated modifiers as the verb's object
    # ("police blame Examplish, US suspects")
    vocab = pipeline.extractor.nlp.vocab
    doc = Doc(
        vocab,
        words=["police", "blame", "Chilean", ",", "US", "suspects"],
        pos=["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "NOUN"],
        tags=["NNS", "VBP", "NNP", ",", "NNP", "NNS"],
        heads=[1, 1, 1, 1, 5, 1],
        deps=["nsubj", "ROOT", "dobj", "punct", "compound", "conj"],
    )
    assert _bare_demonym(doc[2])
    # a demonym before its noun, a country's name and a plural are none
    doc = Doc(
        vocab,
        words=["police", "blame", "Chilean", "suspects", "and", "Chile", "and", "Chileans"],
        pos=["NOUN", "VERB", "ADJ", "NOUN", "CCONJ", "PROPN", "CCONJ", "PROPN"],
        tags=["NNS", "VBP", "JJ", "NNS", "CC", "NNP", "CC", "NNPS"],
        heads=[1, 1, 3, 1, 3, 3, 5, 5],
        deps=["nsubj", "ROOT", "amod", "dobj", "cc", "conj", "cc", "conj"],
    )
    assert not any(_bare_demonym(doc[i]) for i in (2, 5, 7))


def test_a_demonym_before_its_noun_still_names_the_state(pipeline):
    found, assertions = _found(pipeline, "Peru on Tuesday said it had expelled a Chilean diplomat.")
    assert ("Peru", "SANCTIONED", "Chile") in found, _show(assertions)


def test_a_name_the_parse_hangs_on_the_holder_is_the_title_holder(pipeline):
    found, assertions = _found(
        pipeline, "The director of Zambia's Central Prisons Service, Ana Kord, told reporters."
    )
    assert ("Ana Kord", "LEADER_OF", "Central Prisons Service") in found, _show(assertions)


def test_a_possessed_act_or_attitude_stands_for_its_doer(pipeline):
    found, assertions = _found(pipeline, "Chile condemned Peru's act and the attitude of Bolivia.")
    assert {("Chile", "CONDEMNED", "Peru"), ("Chile", "CONDEMNED", "Bolivia")} <= found, _show(assertions)


def test_a_truce_between_two_sides_says_they_fought(pipeline):
    found, assertions = _found(pipeline, "A truce between Peru and Chile began on Wednesday.")
    assert ("Peru", "CLASHED_WITH", "Chile") in found, _show(assertions)
    found, assertions = _found(pipeline, "Peru and Chile discussed trade on Wednesday.")
    assert not any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)


def test_persons_a_relative_clause_makes_members_are_members(pipeline):
    text = (
        "The bank froze the accounts of Jo Lano and Ana Kord, who are members of the Tarsk Defence Council."
    )
    found, assertions = _found(pipeline, text)
    assert {
        ("Jo Lano", "MEMBER_OF", "Tarsk Defence Council"),
        ("Ana Kord", "MEMBER_OF", "Tarsk Defence Council"),
    } <= found, _show(assertions)


def test_a_participle_coordinated_with_a_passive_shares_its_subject_not_its_agent(pipeline):
    text = "The Quechan League, which is funded by Chile and allied to the Tarsk Front, rejected the offer."
    found, assertions = _found(pipeline, text)
    assert ("Chile", "SUPPORTED", "Quechan League") in found, _show(assertions)
    assert ("Quechan League", "SUPPORTED", "Tarsk Front") in found, _show(assertions)
    assert ("Chile", "SUPPORTED", "Tarsk Front") not in found, _show(assertions)


def test_an_organisation_spelt_like_a_citys_other_spelling_stays_an_organisation(pipeline):
    from spacy.tokens import Doc

    from kg.core import gazetteer
    from kg.loaders import lexicon
    from kg.loaders.mentions import typed_entity

    assert gazetteer.city("Dubay") is not None  # a GeoNames spelling of a large city
    assert gazetteer.city("Dubay", spellings=False) is None
    doc = Doc(
        pipeline.extractor.nlp.vocab,
        words=["Peru", "is", "allied", "to", "Dubay", "."],
        pos=["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        heads=[2, 2, 2, 2, 3, 2],
        deps=["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
        ents=["B-GPE", "O", "O", "O", "B-ORG", "O"],
        lemmas=["Peru", "be", "ally", "to", "Dubay", "."],
    )
    found = typed_entity(doc.ents[1], lexicon.places(), lexicon.actors())
    assert found is not None and found.type == "Organization", found


def test_weapons_and_craft_name_a_force_only_with_its_side(pipeline):
    text = (
        "Warplanes bombed the Peruvian town of Tarata on Monday. Peru said 20 people were killed. "
        "Peru blamed the rebels. Peruvian troops backed by tanks then entered Tarata."
    )
    found, assertions = _found(pipeline, text)
    # whose warplanes the text does not say: not the attacked country's own military
    first = [a for a in assertions if a.predicate == "ATTACKED" and a.sentence.index == 0]
    assert not first, _show(assertions)
    # the troops' own tanks back no one
    assert not any(p == "SUPPORTED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Chilean jets struck the town of Tarata on Monday.")
    assert ("Chilean military", "ATTACKED", "Tarata") in found, _show(assertions)


@pytest.mark.parametrize(
    "text,overthrown",
    [
        ("The arrests came amid fears of a coup by the army against Peruvian President Jo Lano.", False),
        ("The threat of a coup by the army against Peruvian President Jo Lano is growing.", False),
        ("The Peruvian army staged a coup against Peruvian President Jo Lano on Monday.", True),
    ],
)
def test_a_feared_coup_overthrows_no_one_and_a_staged_one_does(pipeline, text, overthrown):
    found, assertions = _found(pipeline, "Coup in Peru\n\n" + text)
    assert any(p == "OVERTHREW" for _, p, _ in found) is overthrown, _show(assertions)


def test_a_seized_ship_is_no_arrest(pipeline):
    found, assertions = _found(pipeline, "Peru's navy seized the Chilean vessel Tarsk Star and its cargo.")
    assert not any(p == "ARRESTED" for _, p, _ in found), _show(assertions)


def test_a_title_before_a_list_of_titled_names_is_no_person(pipeline):
    text = (
        "Peru's Foreign Minister Ana Kord, Defence Minister Jo Lano and Interior Minister "
        "Sam Dorr met Chilean officials in Lima."
    )
    found, assertions = _found(pipeline, text)
    people = {e.name for a in assertions for e in (a.subject.entity, a.object.entity) if e.type == "Person"}
    assert "Ana Kord" in people and not any("Minister" in p for p in people), _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        ("Chile called Peru's decision a violation of international law.", ("Chile", "CONDEMNED", "Peru")),
        (
            "Chile's foreign ministry said Peru's decision to close its border was illegal.",
            ("Chilean government", "CONDEMNED", "Peru"),
        ),
        (
            "Chilean minister Ana Kord said Peruvian jets had flown over Arica, "
            'calling the flights "reckless."',
            ("Ana Kord", "CONDEMNED", "flights"),
        ),
    ],
)
def test_calling_an_act_a_crime_condemns_it(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Chile called the talks with Peru useful.",
        "Chile said Peru's decision was not illegal.",
        "Chile described the situation in Peru as tense.",
        "Chile called Peru a close partner in the fight against crime.",
    ],
)
def test_a_judgement_without_a_condemning_word_condemns_nothing(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert not any(p == "CONDEMNED" for _, p, _ in found), _show(assertions)


def test_seizing_power_from_a_government_overthrows_it(pipeline):
    text = "Coup in Peru\n\nThe Peruvian army seized power from the Peruvian government on Monday."
    found, assertions = _found(pipeline, text)
    assert ("Peruvian military", "OVERTHREW", "Peruvian government") in found, _show(assertions)
    found, assertions = _found(pipeline, "Rebels took control of the town of Tarata from the Peruvian army.")
    assert not any(p == "OVERTHREW" for _, p, _ in found), _show(assertions)
    # a government is overthrown, never an army
    found, assertions = _found(
        pipeline, "Coup in Peru\n\nThe Peruvian rebels toppled the Peruvian army on Monday."
    )
    assert not any(p == "OVERTHREW" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting broke out on Thursday between Peruvian and Chilean troops.",
        "Fighting broke out between Peruvian and Chilean troops on the border.",
    ],
)
def test_clashes_between_coordinated_demonyms_set_one_side_against_the_other(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert ("Peruvian military", "CLASHED_WITH", "Chilean military") in found, _show(assertions)
    assert ("Peruvian military", "CLASHED_WITH", "Peruvian military") not in found, _show(assertions)


def test_what_a_state_is_accused_of_doing_is_alleged(pipeline):
    found, assertions = _found(pipeline, "Bolivia accused the peacekeepers of arming the rebels.")
    supported = [a for a in assertions if a.predicate == "SUPPORTED"]
    assert supported and all(a.qualifiers.modality == "alleged" for a in supported), _show(assertions)


def test_battling_to_oust_a_leader_has_not_ousted_him(pipeline):
    text = "Insurgents battling to oust Peruvian President Jo Lano claim to hold three towns."
    found, assertions = _found(pipeline, text)
    overthrown = [a for a in assertions if a.predicate == "OVERTHREW"]
    assert all(a.qualifiers.modality != "asserted" for a in overthrown), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Chile's UN ambassador Ana Kord rejected the report.",
        "Chile's UN ambassador, Ana Kord, rejected the report.",
    ],
)
def test_a_states_envoy_to_a_body_is_the_states_official(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert ("Ana Kord", "OFFICIAL_OF", "Chile") in found, _show(assertions)
    assert ("Ana Kord", "OFFICIAL_OF", "United Nations") not in found, _show(assertions)


def test_a_peoples_leader_leads_no_state(pipeline):
    found, assertions = _found(pipeline, "Jo Lano, the Iraqi Kurdish leader, spoke on Monday.")
    assert not any(p == "LEADER_OF" for _, p, _ in found), _show(assertions)


def test_a_sea_lies_in_no_country(pipeline):
    found, assertions = _found(pipeline, "Ships unloaded grain at Sudan's Red Sea harbour on Monday.")
    assert not any(s == "Red Sea" and p == "LOCATED_IN" for s, p, _ in found), _show(assertions)


def test_storming_someones_offices_in_a_city_is_no_attack_on_the_city(pipeline):
    found, assertions = _found(pipeline, "Troops stormed the president's offices in Lima.")
    assert not any(p == "ATTACKED" and o == "Lima" for _, p, o in found), _show(assertions)


def test_a_shared_name_after_the_words_that_complete_it_is_that_country(pipeline):
    found, assertions = _found(
        pipeline, "Democratic Republic of Congo President Jo Lano visited Angola on Monday."
    )
    assert ("Jo Lano", "LEADER_OF", "DR Congo") in found, _show(assertions)


def test_expelling_a_high_commissioner_sanctions_the_state_that_sent_them(pipeline):
    found, assertions = _found(pipeline, "Peru expelled the Chilean high commissioner, Ana Kord, on Tuesday.")
    assert any(p == "SANCTIONED" and o == "Chile" for _, p, o in found), _show(assertions)
    assert not any(p == "SANCTIONED" and o == "Ana Kord" for _, p, o in found), _show(assertions)


def test_it_after_a_capital_that_speaks_is_its_state(pipeline):
    text = (
        "Lima protests\n\nThe move was reported by the Tarsk news agency.\n\n"
        "Lima said on Friday that it had expelled three Chilean diplomats."
    )
    found, assertions = _found(pipeline, text)
    assert ("Peru", "SANCTIONED", "Chile") in found, _show(assertions)
    assert not any(s.startswith("Tarsk") for s, p, _ in found if p == "SANCTIONED"), _show(assertions)


def test_a_capitalised_dated_dateline_acts_in_nothing(pipeline):
    text = "General arrested\n\nMadrid, 14 March 2001 (Tarsk Radio) - Police have arrested General Jo Lano."
    found, assertions = _found(pipeline, text)
    assert not any(s in {"Spain", "Madrid"} for s, _, _ in found), _show(assertions)


def test_a_rank_cut_off_by_a_sentence_break_is_no_name(pipeline):
    text = "The two men were flown to Lima, said UN spokesman Maj. Jo Lano. He gave no details."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Maj" for s, _, _ in found), _show(assertions)


def test_troops_moving_into_a_country_are_sent_there_not_an_invasion(pipeline):
    found, assertions = _found(pipeline, "Chilean troops moved into Peru on Friday.")
    assert ("Chile", "SENT_TROOPS_TO", "Peru") in found, _show(assertions)
    assert not any(p == "INVADED" for _, p, _ in found), _show(assertions)


def test_peoples_a_people_word_names_are_no_states(pipeline):
    found, assertions = _found(pipeline, "Clashes between ethnic Tajiks and Uzbeks killed 12 people.")
    assert not any(p == "CLASHED_WITH" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Fighting between Tajikistan and Uzbekistan erupted.")
    assert ("Tajikistan", "CLASHED_WITH", "Uzbekistan") in found, _show(assertions)


def test_a_pronoun_in_what_is_reported_is_someone_the_report_names(pipeline):
    text = "Interior Minister Jo Lano said police wounded Ana Kord after he fired at the officers."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Jo Lano" and p == "ATTACKED" for s, p, _ in found), _show(assertions)


def test_the_country_outside_the_sentence_that_named_another_is_the_articles_own(pipeline):
    text = (
        "Peace force arrives in Peru\n\nA regional force reached Peru on Friday, a week after Peru's "
        "election. Bolivia, Brazil and Ecuador sent soldiers.\n\n"
        "Chilean troops entered the country from the south, officials said."
    )
    found, assertions = _found(pipeline, text)
    assert ("Chile", "SENT_TROOPS_TO", "Peru") in found, _show(assertions)
    assert ("Chile", "SENT_TROOPS_TO", "Ecuador") not in found, _show(assertions)


# --- sitting eleven: headlines, purposes, quotes that go on, invitations -----------------------


@pytest.mark.parametrize(
    "text,triple",
    [
        # a headline has no full stop: its last word is still read as a name, not a verb
        ("Chile sends troops to Bolivia\n\nThe move was welcomed.", ("Chile", "SENT_TROOPS_TO", "Bolivia")),
        ("Peru deploys soldiers to Ecuador\n\nOfficials spoke.", ("Peru", "SENT_TROOPS_TO", "Ecuador")),
    ],
)
def test_a_headline_without_a_full_stop_is_read_as_a_sentence(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


def test_a_hard_wrapped_first_line_is_no_headline(pipeline):
    # the first line breaks in mid-sentence: no full stop is read into it
    text = "Chilean troops entered Peru on Monday after\nthe border talks failed, officials said."
    found, assertions = _found(pipeline, text)
    sent = [a for a in assertions if a.predicate == "SENT_TROOPS_TO"]
    assert sent and sent[0].sentence.text.endswith("officials said."), _show(assertions)
    assert sent[0].qualifiers.modality == "reported", _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        (
            "Chile sent troops to guard the border crossings in northern Peru.",
            ("Chile", "SENT_TROOPS_TO", "Peru"),
        ),
        (
            "Brazil ordered soldiers to secure the ports and the airport in Paraguay.",
            ("Brazil", "SENT_TROOPS_TO", "Paraguay"),
        ),
        (
            "Argentina deployed marines to patrol the coast in Uruguay.",
            ("Argentina", "SENT_TROOPS_TO", "Uruguay"),
        ),
    ],
)
def test_forces_sent_to_guard_a_place_are_sent_there(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


def test_soldiers_named_by_the_first_word_of_their_countrys_name_are_sent_by_it(pipeline):
    found, assertions = _found(pipeline, "About 800 Saudi soldiers entered Yemen on Tuesday.")
    assert ("Saudi Arabia", "SENT_TROOPS_TO", "Yemen") in found, _show(assertions)


def test_a_quote_that_goes_on_is_its_speakers(pipeline):
    text = (
        '"It was a team of hired gunmen," Interior Minister Jo Lano said on Monday.\n\n'
        '"We have arrested 15 Chileans and two Peruvians. Others are on the run."'
    )
    found, assertions = _found(pipeline, text)
    arrested = [a for a in assertions if a.predicate == "ARRESTED"]
    assert {a.subject.entity.name for a in arrested} == {"Jo Lano"}, _show(assertions)
    assert {a.qualifiers.modality for a in arrested} == {"reported"}, _show(assertions)
    # a quote with its own speaker is not carried on
    text = '"It was a team," Jo Lano said.\n\n"We have arrested 15 Chileans," Ana Kord told reporters.'
    found, assertions = _found(pipeline, text)
    assert not any(s == "Jo Lano" and p == "ARRESTED" for s, p, _ in found), _show(assertions)


def test_an_armed_groups_size_is_no_part_of_its_name(pipeline):
    found, assertions = _found(pipeline, "A 12-member hit squad killed Jo Lano in Lima on Monday.")
    killed = [a for a in assertions if a.predicate == "KILLED"]
    assert [a.subject.mention.text for a in killed] == ["hit squad"], _show(assertions)


@pytest.mark.parametrize(
    "text,triple,not_triple",
    [
        (
            "Chile invited Peru to show restraint.",
            ("Chile", "DEMANDED", "Peru"),
            ("Chile", "INVITED", "Peru"),
        ),
        (
            "Bolivia invited Paraguay to refrain from any escalation.",
            ("Bolivia", "DEMANDED", "Paraguay"),
            ("Bolivia", "INVITED", "Paraguay"),
        ),
        (
            "Chile invited Peru to send observers.",
            ("Chile", "INVITED", "Peru"),
            ("Chile", "DEMANDED", "Peru"),
        ),
    ],
)
def test_an_invitation_to_behave_is_a_demand(pipeline, text, triple, not_triple):
    found, assertions = _found(pipeline, text)
    assert triple in found and not_triple not in found, _show(assertions)


def test_guarding_a_building_is_no_support_of_an_actor(pipeline):
    text = "Argentina sent police to protect the embassy and government facilities in Uruguay."
    found, assertions = _found(pipeline, text)
    assert ("Argentina", "SENT_TROOPS_TO", "Uruguay") in found, _show(assertions)
    assert not any(p == "SUPPORTED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Argentina vowed to protect Uruguay.")
    assert ("Argentina", "SUPPORTED", "Uruguay") in found, _show(assertions)


def test_a_reception_by_police_is_no_meeting(pipeline):
    found, assertions = _found(pipeline, "Jo Lano was met by police at passport control in Lima.")
    assert not any(p == "MET_WITH" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Jo Lano met Ana Kord in Lima.")
    assert ("Jo Lano", "MET_WITH", "Ana Kord") in found, _show(assertions)


def test_an_envoy_summoned_to_hear_a_protest_is_asked_nothing(pipeline):
    text = "Chile summoned Peru's ambassador to lodge a protest against the raids."
    found, assertions = _found(pipeline, text)
    assert not any(p == "DEMANDED" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        ("Troops captured the town from the Tarsk Front in Southern Somalia.", ("Somalia", "Country")),
        ("Troops captured the town from the Tarsk Front in Eastern Bolivia.", ("Bolivia", "Country")),
    ],
)
def test_a_country_named_with_a_compass_adjective_is_the_country(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    places = {(m.entity.name, m.entity.type) for a in assertions for m in (a.subject, a.object)}
    assert triple in places, _show(assertions)


def test_a_polity_named_with_a_compass_word_is_not_the_country_in_it(pipeline):
    found, assertions = _found(pipeline, "Bombs exploded in Northern Ireland, and police arrested Jo Lano.")
    assert not any("Ireland" == o for _, _, o in found), _show(assertions)


def test_an_event_noun_keeps_its_compounds_compounds(pipeline):
    found, assertions = _found(pipeline, "Jo Lano condemned the rail station attacks.")
    condemned = [a for a in assertions if a.predicate == "CONDEMNED"]
    assert [a.object.mention.text for a in condemned] == ["rail station attacks"], _show(assertions)


def test_a_title_case_headlines_verb_is_no_person(pipeline):
    text = "Examplish Caretaker Chief Quits, Delays Polls\n\nThe caretaker chief stepped down on Monday."
    found, assertions = _found(pipeline, text)
    assert not any(a.subject.entity.type == "Person" for a in assertions), _show(assertions)
    text = "Chile President Flees\n\nChile's president fled the country on Sunday."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Flees" for s, _, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Peru says its troops have captured the unofficial capital of the Tarsk Front.",
        "Chilean soldiers seized the province of the Tarsk Front on Monday.",
    ],
)
def test_capturing_a_place_is_no_arrest(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert not any(p == "ARRESTED" for _, p, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "After the meeting in Lima, New Zealand foreign minister, Jo Lano, said the decision was right.",
        "The raids took place 30 miles north of Lima, Chilean Defense Minister Jo Lano said.",
    ],
)
def test_a_country_before_a_title_after_a_comma_is_no_container_of_the_place(pipeline, text):
    found, assertions = _found(pipeline, text)
    assert not any(s == "Lima" and p == "LOCATED_IN" for s, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Talks were held in Tarata, Peru, on Monday.")
    assert ("Tarata", "LOCATED_IN", "Peru") in found, _show(assertions)


def test_a_name_before_an_organizations_noun_is_no_place(pipeline):
    for name in ("Vessa", "Korana"):
        found, assertions = _found(pipeline, f"Chile's {name} news agency accused Peru of spying.")
        assert (f"{name} news agency", "ACCUSED", "Peru") in found, _show(assertions)
        assert not any(s == name for s, _, _ in found), _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        ("New Zealand troops arrived in Tonga on Monday.", ("New Zealand", "SENT_TROOPS_TO", "Tonga")),
        ("South African soldiers entered Lesotho on Tuesday.", ("South Africa", "SENT_TROOPS_TO", "Lesotho")),
    ],
)
def test_troops_named_with_a_multiword_country_are_sent_by_it(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple in found, _show(assertions)


def test_a_countrys_name_before_its_army_is_no_movement(pipeline):
    found, assertions = _found(pipeline, "The Sierra Leone army attacked rebels near Kenema.")
    attackers = {a.subject.entity.type for a in assertions if a.predicate == "ATTACKED"}
    assert attackers == {"Group"}, _show(assertions)


def test_a_multiword_country_names_its_embassy_whole(pipeline):
    found, assertions = _found(pipeline, "The United States embassy in Lima has expressed concern.")
    names = {m.mention.text for a in assertions for m in (a.subject, a.object)}
    assert "States embassy" not in names and "United States embassy" in names, _show(assertions)


def test_an_actor_named_by_its_relation_to_a_country_is_not_of_that_country(pipeline):
    text = "The cut comes days after Peru, once Chile's largest ally in the region, severed ties with Chile."
    found, assertions = _found(pipeline, text)
    assert not any(a.subject.entity.type == "Group" for a in assertions), _show(assertions)
    text = "Rebels and their Chilean-backed allies attacked Tarata on Monday."
    found, assertions = _found(pipeline, text)
    # a possessive pronoun names no country: the allies are still an actor
    assert any(p == "SUPPORTED" and s == "Chile" for s, p, _ in found), _show(assertions)


def test_a_dateline_of_a_town_no_gazetteer_knows_acts_in_nothing(pipeline):
    for text in (
        "TARSKABAD, Peru: Chilean and Peruvian forces clashed on the border, officials said Tuesday.",
        "TARSKABAD, Peru - Chilean forces attacked Peruvian troops, officials said Tuesday.",
    ):
        found, assertions = _found(pipeline, text)
        assert not any(
            m.mention.text in {"TARSKABAD", "Peru"} for a in assertions for m in (a.subject, a.object)
        ), _show(assertions)


def test_holding_people_back_is_no_arrest(pipeline):
    text = "Jo Lano said the threats will not hold people back from pursuing a free life."
    found, assertions = _found(pipeline, text)
    assert not any(p == "ARRESTED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Police held Jo Lano for questioning on Monday.")
    assert any(p == "ARRESTED" and o == "Jo Lano" for _, p, o in found), _show(assertions)


def test_deaths_in_a_clash_are_killed_by_neither_side(pipeline):
    text = "Chilean and Peruvian forces clashed on the border, killing at least three people, officials said."
    found, assertions = _found(pipeline, text)
    assert not any(p == "KILLED" for _, p, _ in found), _show(assertions)
    text = "Rebels attacked the base near Tarata, killing three Chilean soldiers."
    found, assertions = _found(pipeline, text)
    assert any(p == "KILLED" for _, p, _ in found), _show(assertions)


def test_a_word_of_the_title_itself_holds_nothing(pipeline):
    found, assertions = _found(
        pipeline, "On Monday Iran's Supreme leader, Ayatollah Jo Marek, said the embassy would close."
    )
    assert ("Ayatollah Jo Marek", "LEADER_OF", "Iran") in found, _show(assertions)
    assert not [a for a in assertions if a.object.entity.type == "Organization"], _show(assertions)


@pytest.mark.parametrize(
    "text,triple",
    [
        # a partner in a federation or a trade is no backer
        (
            "Military targets were also hit in Slovakia, Hungary's smaller partner in the federation.",
            ("Slovakia", "SUPPORTED", "Hungary"),
        ),
        # opposing someone is no protest
        (
            "Landlord families opposed Jo Marek as she pushed Chile into reform.",
            ("civilians", "PROTESTED_AGAINST", "Jo Marek"),
        ),
    ],
)
def test_weak_words_make_no_support_and_no_protest(pipeline, text, triple):
    found, assertions = _found(pipeline, text)
    assert triple not in found, _show(assertions)
    assert not [a for a in assertions if a.predicate == triple[1]], _show(assertions)


def test_seizing_a_building_or_an_institution_arrests_no_one(pipeline):
    _, assertions = _found(pipeline, "Soldiers seized parliament and the radio station on Monday.")
    assert not [a for a in assertions if a.predicate == "ARRESTED"], _show(assertions)
    found, assertions = _found(pipeline, "Soldiers seized the opposition leader Jo Marek on Monday.")
    assert [a for a in assertions if a.predicate == "ARRESTED" and a.object.entity.name == "Jo Marek"], _show(
        assertions
    )


def test_a_name_described_as_a_residence_or_palace_is_no_person(pipeline):
    _, assertions = _found(
        pipeline, "Protesters stormed Vessa Palace, the prime minister's official residence, on Monday."
    )
    assert not [a for a in assertions if a.object.entity.type == "Person"], _show(assertions)


def test_aircraft_flown_near_a_place_are_sent_to_no_destination(pipeline):
    text = (
        "Peru protested on Monday. Chile has flown fighter planes and bombers near Peru, Peru said. "
        "Peru said Peru would respond."
    )
    _, assertions = _found(pipeline, text)
    assert not [a for a in assertions if a.predicate == "SENT_TROOPS_TO"], _show(assertions)


def test_a_country_name_in_capitals_read_as_a_name_is_the_country(pipeline):
    from spacy.tokens import Span

    from kg.loaders import lexicon
    from kg.loaders.mentions import typed_entity

    doc = pipeline.extractor.nlp("GULU, IVORY COAST — Soldiers attacked rebels in the town on Monday.")
    found = typed_entity(Span(doc, 2, 4, label="PERSON"), lexicon.places(), lexicon.actors())
    assert found is not None and (found.type, found.iso3) == ("Country", "CIV"), found


@pytest.mark.parametrize(
    "text,word",
    [
        # one of a body's people is no collective of a sector
        (
            "The army accused Ana Kord of levelling allegations against a senior officer of the spy agency.",
            "officer",
        ),
        # an act done to someone, coordinated with another act, is no group
        (
            "Iran's president, Jo Marek, ordered the arrest and prosecution of those responsible "
            "for the attack.",
            "prosecution",
        ),
        # an organ's word that also names one meeting, with 'a', is that meeting
        (
            "Jo Marek has been held since November, on the eve of a crucial Chinese leadership "
            "congress in Beijing.",
            "congress",
        ),
    ],
)
def test_words_that_name_no_collective_here_give_no_actor(pipeline, text, word):
    _, assertions = _found(pipeline, text)
    bad = [a for a in assertions if word in a.subject.mention.text or word in a.object.mention.text]
    assert not bad, _show(assertions)


def test_the_standing_organ_with_an_indefinite_article_is_still_an_organ(pipeline):
    found, assertions = _found(pipeline, "Jordan maintains an embassy in Damascus.")
    assert [a for a in assertions if a.predicate == "BASED_IN" and a.object.entity.name == "Damascus"], _show(
        assertions
    )


def test_a_title_of_a_body_named_with_its_state_is_held_in_the_body(pipeline):
    text = (
        "China warned Speaker Jo Marek of the U.S. House of Representatives to scrap plans to visit "
        "the island."
    )
    found, assertions = _found(pipeline, text)
    assert ("Jo Marek", "LEADER_OF", "United States") not in found, _show(assertions)
    assert ("Jo Marek", "OFFICIAL_OF", "U.S. House of Representatives") in found, _show(assertions)


def test_a_place_described_as_a_capital_is_a_city(pipeline):
    found, assertions = _found(
        pipeline, "The signing outside Algiers, the Algerian capital, was attended by Jo Marek."
    )
    assert {a.subject.entity.type for a in assertions if a.subject.entity.name == "Algiers"} == {"City"}, (
        _show(assertions)
    )
    assert ("Algiers", "LOCATED_IN", "Algeria") in found, _show(assertions)


def test_a_known_town_read_once_as_a_one_word_person_stays_the_town():
    from kg.core.model import Document, EntityMention
    from kg.resolution.document import DocumentResolver

    text = "Kandahar, 24 September (Agency) - Planes pounded targets around Kandahar. Jo Marek said so."
    as_person = EntityMention("Kandahar", 0, 8, "Person", "Kandahar")  # a dateline NER read as a name
    town = EntityMention("Kandahar", 58, 66, "City", "Kandahar", iso3="AFG", geonames=1138336)
    other = EntityMention("Jo Marek", 68, 76, "Person", "Jo Marek")
    resolver = DocumentResolver(Document(id="d", text=text), [], [as_person, town, other])
    assert resolver.person_named(town).type == "City"
    # a one-word mention that is a word of the one person's longer name is that person
    surname = EntityMention("Marek", 80, 85, "Organization", "Marek")
    assert resolver.person_named(surname).type == "Person"


def test_a_name_after_a_persons_role_word_is_a_persons(pipeline):
    from spacy.tokens import Doc

    from kg.loaders import lexicon
    from kg.loaders.mentions import typed_entity

    doc = Doc(
        pipeline.extractor.nlp.vocab,
        words=["the", "movement", "of", "cleric", "Jo", "Marek", "."],
        pos=["DET", "NOUN", "ADP", "NOUN", "PROPN", "PROPN", "PUNCT"],
        heads=[1, 1, 1, 5, 5, 2, 1],
        deps=["det", "ROOT", "prep", "compound", "compound", "pobj", "punct"],
        ents=["O", "O", "O", "O", "B-ORG", "I-ORG", "O"],  # the reading NER gives such names at times
        lemmas=["the", "movement", "of", "cleric", "Jo", "Marek", "."],
    )
    found = typed_entity(doc.ents[0], lexicon.places(), lexicon.actors())
    assert found is not None and found.type == "Person", found


def test_shooting_down_a_craft_on_a_border_attacks_no_one_on_it(pipeline):
    found, assertions = _found(pipeline, "Turkey shot down Russian Fighter on Syrian border")
    assert ("Türkiye", "ATTACKED", "Syria") not in found, _show(assertions)
    found, assertions = _found(pipeline, "Chilean troops fired on Peruvian positions on Tuesday.")
    assert [a for a in assertions if a.predicate == "ATTACKED"], _show(assertions)


def test_taking_a_state_to_court_seizes_nothing(pipeline):
    found, assertions = _found(pipeline, "Chile took Lima to the International Court of Justice in 1994.")
    assert not any(p == "ATTACKED" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Rebels took Benghazi on Monday.")
    assert ("rebels", "ATTACKED", "Benghazi") in found, _show(assertions)


def test_a_site_outside_a_town_is_no_attack_on_the_town(pipeline):
    text = "Soldiers surrounded the police headquarters at Kibera just outside Nairobi on Monday."
    found, assertions = _found(pipeline, text)
    assert not any(o == "Nairobi" for _, _, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Chilean jets bombed a camp near Benghazi on Monday.")
    assert not any(o == "Benghazi" for _, _, o in found), _show(assertions)
    found, assertions = _found(pipeline, "Chilean jets bombed a camp in Benghazi on Monday.")
    assert ("Chilean military", "ATTACKED", "Benghazi") in found, _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say the killing has opened the door for a wider conflict between Chile and Peru.",
        "The collapse of the talks paved the way for an invasion of Peru by Chile.",
    ],
)
def test_what_opens_the_way_to_an_event_has_not_made_it_happen(pipeline, text):
    found, assertions = _found(pipeline, text)
    events = [a for a in assertions if a.predicate in {"CLASHED_WITH", "INVADED"}]
    assert events and all(a.qualifiers.modality == "hypothetical" for a in events), _show(assertions)


def test_an_event_named_in_a_noun_phrase_of_the_object_is_not_the_light_verbs(pipeline):
    # "weigh" is a light verb of what it weighs ("weighed sanctions"), not of the event the
    # sanctions are over: the invader is not the one weighing them
    text = "The United States weighs sanctions against Russia over the invasion of Ukraine."
    found, assertions = _found(pipeline, text)
    assert ("United States", "INVADED", "Ukraine") not in found, _show(assertions)
    found, assertions = _found(pipeline, "Chile launched a wave of attacks on Peru.")
    assert ("Chile", "ATTACKED", "Peru") in found, _show(assertions)


def test_a_verb_after_a_title_in_a_title_case_headline_is_no_name(pipeline):
    text = "Chilean Prime Minister Resigns After 11 Days of Protests\n\nThe prime minister left office."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Resigns" for s, _, _ in found), _show(assertions)
    # a surname the body writes as a name stays one
    text = "Chilean President Reyes Visits Peru\n\nChilean President Alan Reyes visited Lima on Monday."
    found, assertions = _found(pipeline, text)
    assert ("Alan Reyes", "LEADER_OF", "Chile") in found, _show(assertions)


def test_a_lead_in_word_in_capitals_starts_the_place_name_it_begins(pipeline):
    text = "Turmoil ends\n\nPAPUA New Guinea's Prime Minister, Sir Jo Lano, stepped down yesterday."
    found, assertions = _found(pipeline, text)
    assert ("Jo Lano", "LEADER_OF", "Papua New Guinea") in found, _show(assertions)
    assert not any(o == "Guinea" for _, _, o in found), _show(assertions)


def test_a_bodys_title_without_a_name_has_no_nationality(pipeline):
    found, assertions = _found(
        pipeline, "Chile's Supreme Court President has been sworn in until elections are held."
    )
    assert not any(p == "NATIONAL_OF" for _, p, _ in found), _show(assertions)
    # a name that ends in a word of a title is still a name
    found, assertions = _found(pipeline, "Martin Luther King of Atlanta spoke.")
    assert ("Martin Luther King", "LIVES_IN", "Atlanta") in found, _show(assertions)


def test_a_place_of_the_scene_before_a_title_is_not_the_titles(pipeline):
    text = "At Lima Airport General Secretary Jo Lano warmly greeted President Ana Kord."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Jo Lano" and p == "LIVES_IN" for s, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "The talks with Chilean President Ana Kord ended.")
    assert ("Ana Kord", "LEADER_OF", "Chile") in found, _show(assertions)


def test_what_a_demand_asks_of_another_is_not_the_demanders_act(pipeline):
    text = "General Jo Marek demanded that Ana Kord resign and expel some 70 mercenaries on Monday."
    found, assertions = _found(pipeline, text)
    assert not any(s == "Jo Marek" and p == "SANCTIONED" for s, p, _ in found), _show(assertions)


def test_a_persons_title_in_apposition_places_no_organization(pipeline):
    text = "The White House said, as reported by the Herald, the US secretary of state, Jo Lano, had called."
    found, assertions = _found(pipeline, text)
    assert not any(p == "BASED_IN" for _, p, _ in found), _show(assertions)


def test_welcoming_a_visitor_is_no_support(pipeline):
    text = "Citizens warmly welcomed Ana Kord and her entourage along the route."
    found, assertions = _found(pipeline, text)
    assert not any(p == "SUPPORTED" for _, p, _ in found), _show(assertions)


def test_ordering_the_deployment_of_ones_forces_demands_nothing(pipeline):
    text = "President Jo Lano has ordered the deployment of U.S. Marines to help bring order to Haiti."
    found, assertions = _found(pipeline, text)
    assert not any(p == "DEMANDED" for _, p, _ in found), _show(assertions)


def test_the_country_crossed_into_is_none_of_those_crossing(pipeline):
    text = "Senegalese forces and those of Nigeria, Ghana and Mali crossed into the tiny country on Monday."
    found, assertions = _found(pipeline, text)
    assert not any(p == "INVADED" and o in {"Nigeria", "Ghana", "Mali"} for _, p, o in found), _show(
        assertions
    )
    text = "Chile sent troops to Peru on Monday. The troops crossed into the country at dawn."
    found, assertions = _found(pipeline, text)
    assert any(p == "INVADED" and o == "Peru" for _, p, o in found), _show(assertions)


@pytest.mark.parametrize(
    "text",
    [
        "Chilean troops massed for a military offensive to retake the rebel town of Tarsk.",
        "Chilean troops will be deployed to support the police of Peru on the border.",
    ],
)
def test_what_forces_gather_or_will_be_sent_to_do_is_not_yet_done(pipeline, text):
    found, assertions = _found(pipeline, text)
    events = [a for a in assertions if a.predicate in {"ATTACKED", "SUPPORTED"}]
    assert events and all(a.qualifiers.modality == "planned" for a in events), _show(assertions)


def test_what_a_negation_avoids_does_not_reach_a_participle_describing_its_object(pipeline):
    found, assertions = _found(
        pipeline, "Jordan has avoided publicly supporting Syrian rebels fighting to overthrow Assad."
    )
    overthrown = [a for a in assertions if a.predicate == "OVERTHREW"]
    assert overthrown and all(a.qualifiers.modality == "planned" for a in overthrown), _show(assertions)
    supported = [a for a in assertions if a.predicate == "SUPPORTED"]
    assert supported and all(a.qualifiers.modality == "negated" for a in supported), _show(assertions)


def test_a_name_used_in_a_country_is_no_place_in_it(pipeline):
    found, assertions = _found(pipeline, "The islands are known as Tarsk in Chile and as Vessa in Peru.")
    assert not any(p == "LOCATED_IN" for _, p, _ in found), _show(assertions)
    found, assertions = _found(pipeline, "Lima in Peru hosted the talks.")
    assert ("Lima", "LOCATED_IN", "Peru") in found, _show(assertions)


def test_a_person_sent_to_meet_someone_is_the_one_who_meets(pipeline):
    found, assertions = _found(pipeline, "Chile sent Jo Lano to meet Peruvian President Ana Kord.")
    assert ("Jo Lano", "MET_WITH", "Ana Kord") in found, _show(assertions)
    assert ("Chile", "MET_WITH", "Ana Kord") not in found, _show(assertions)
    found, assertions = _found(
        pipeline, "Ana Kord said she would send her envoy to meet the Peruvian rebels."
    )
    assert not any(s == "Ana Kord" and p == "MET_WITH" for s, p, _ in found), _show(assertions)
    # forces sent to do something: the sender's act, as before
    found, assertions = _found(pipeline, "Chile sent troops to attack the rebels in Peru.")
    assert any(s == "Chile" and p == "ATTACKED" for s, p, _ in found), _show(assertions)
