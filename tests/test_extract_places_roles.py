"""Residence, addresses, place containment, organisation seats, roles and killings: each class of
constructions with sentences written for these tests. Persons, organisations and stations are
invented; towns, states and countries are real (the gazetteer must know them)."""

from __future__ import annotations

import pytest

from kg.core import gazetteer
from kg.core.model import Document
from kg.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def run(pipeline, text):
    return pipeline.assertions(Document(id="p", text=text))


def show(assertions) -> str:
    return (
        "\n".join(
            f"  {a.subject.mention.text!r} ({a.subject.entity.name}) {a.predicate} "
            f"{a.object.mention.text!r} ({a.object.entity.name}) {a.rule}"
            for a in assertions
        )
        or "  (nothing)"
    )


def find(assertions, subject, predicate, obj):
    """The assertion whose subject and object mentions are written exactly so."""
    for a in assertions:
        if a.predicate == predicate and a.subject.mention.text == subject and a.object.mention.text == obj:
            return a
    return None


def expect(pipeline, text, *triples):
    found = run(pipeline, text)
    for triple in triples:
        assert find(found, *triple) is not None, f"{triple} not extracted from {text!r}:\n{show(found)}"
    return found


def refuse(pipeline, text, *triples):
    found = run(pipeline, text)
    for triple in triples:
        assert find(found, *triple) is None, f"{triple} wrongly extracted from {text!r}:\n{show(found)}"
    return found


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person, address",
    [
        ("In 1911, the painter Jorun Velbeck was born in Dayton, Ohio.", "Jorun Velbeck", "Dayton, Ohio"),
        ("Olmar Teskin, who was born near Akron, Ohio, founded a jazz band.", "Olmar Teskin", "Akron, Ohio"),
        ("The singer Pim Harlow was born in Tupelo, Miss.", "Pim Harlow", "Tupelo, Miss."),
        ("Born in Tulsa, Okla., Helen Brody moved west at the age of nine.", "Helen Brody", "Tulsa, Okla."),
    ],
)
def test_a_birthplace_written_as_an_address_is_one_mention(pipeline, text, person, address):
    found = expect(pipeline, text, (person, "LIVES_IN", address))
    town = address.split(",")[0]
    assert not any(a.predicate == "LOCATED_IN" and a.subject.mention.text == town for a in found), (
        f"an address's halves got a LOCATED_IN of their own in {text!r}:\n{show(found)}"
    )


def test_the_state_of_a_birthplace_address_is_no_second_birthplace(pipeline):
    found = expect(
        pipeline,
        "In 1872, the poet Helen Brody was born in Plymouth, Vt.",
        ("Helen Brody", "LIVES_IN", "Plymouth, Vt"),
    )
    assert [a.object.mention.text for a in found if a.predicate == "LIVES_IN"] == ["Plymouth, Vt"], show(
        found
    )


def test_an_address_elsewhere_still_gives_located_in(pipeline):
    expect(
        pipeline, "Floods closed three bridges in Dayton, Ohio, on Monday.", ("Dayton", "LOCATED_IN", "Ohio")
    )
    expect(pipeline, "TULSA, Okla.", ("TULSA", "LOCATED_IN", "Okla."))


@pytest.mark.parametrize(
    "text, triples",
    [
        (
            "Jorun Velbeck, 44, of Bethel, Conn., was hurt in the crash.",
            [("Jorun Velbeck", "LIVES_IN", "Bethel"), ("Jorun Velbeck", "LIVES_IN", "Conn.")],
        ),
        (
            "Halcor Inc., based in Tulsa, Okla., makes oil pumps.",
            [("Halcor Inc.", "BASED_IN", "Tulsa"), ("Halcor Inc.", "BASED_IN", "Okla.")],
        ),
    ],
)
def test_who_lives_or_is_based_in_a_town_of_an_address_is_in_its_state_too(pipeline, text, triples):
    expect(pipeline, text, *triples)


# --- residence ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person, place",
    [
        ("Her brother Tamsin Oderby, who lives in Toledo, sent a letter.", "Tamsin Oderby", "Toledo"),
        ("Thomas Brandt lives in Tucson with his three dogs.", "Thomas Brandt", "Tucson"),
        ("The film was directed by Fresno native Ferro Calvane.", "Ferro Calvane", "Fresno"),
        ("Ferro Calvane, a Fresno native, wrote the score.", "Ferro Calvane", "Fresno"),
        ("Ferro Calvane is from Tucson.", "Ferro Calvane", "Tucson"),
        ("Ferro Calvane is a native of Tucson, Arizona.", "Ferro Calvane", "Tucson, Arizona"),
        ("Ferro Calvane was celebrating a big win in his native Nebraska.", "Ferro Calvane", "Nebraska"),
        ("Susan Whitley flew to Chicago from her Denver home on Sunday.", "Susan Whitley", "Denver"),
        ("Brandt's sister, Helen, is a native of Tulsa, Okla.", "Helen", "Tulsa, Okla."),
        (
            "The road runs through Sedalia, where Thomas Brandt was born, and on to Fulton.",
            "Thomas Brandt",
            "Sedalia",
        ),
        (
            "The museum in Sedalia, Missouri, Thomas Brandt's hometown, plans a new wing.",
            "Thomas Brandt",
            "Sedalia, Missouri",
        ),
    ],
)
def test_residence(pipeline, text, person, place):
    expect(pipeline, text, (person, "LIVES_IN", place))


def test_a_negated_residence_gives_no_edge(pipeline):
    refuse(pipeline, "Thomas Brandt does not live in Tucson.", ("Thomas Brandt", "LIVES_IN", "Tucson"))


def test_a_form_of_address_belongs_to_the_mention_not_to_the_name(pipeline):
    found = expect(
        pipeline, "Mrs. Velbeck was born in Dayton, Ohio.", ("Mrs. Velbeck", "LIVES_IN", "Dayton, Ohio")
    )
    person = find(found, "Mrs. Velbeck", "LIVES_IN", "Dayton, Ohio").subject
    assert person.entity.name == "Velbeck"


# --- places and organisations ------------------------------------------------------------------


def test_a_place_in_a_larger_one_written_side_by_side(pipeline):
    expect(
        pipeline,
        "He was treated at a clinic in Tromso in northern Norway last year.",
        ("Tromso", "LOCATED_IN", "Norway"),
    )


@pytest.mark.parametrize(
    "text, place, container",
    [
        ("Fighting broke out in Tacna, a mountainous region inside Peru.", "Tacna", "Peru"),
        ("Rebels attacked Arica, a town in northern Chile.", "Arica", "Chile"),
    ],
)
def test_a_place_described_as_a_settlement_in_another(pipeline, text, place, container):
    expect(pipeline, text, (place, "LOCATED_IN", container))


def test_a_capital_written_beside_its_name_is_that_name(pipeline):
    # "Peru's capital" is Lima too; the name written beside it is the mention kept
    expect(pipeline, "Rebels entered Lima, Peru's capital, on Monday.", ("Lima", "CAPITAL_OF", "Peru"))


def test_another_spelling_of_a_city_is_the_same_city(pipeline):
    assert gazetteer.city("Bengasi") == gazetteer.city("Benghazi")
    assert gazetteer.city("Bengasi").name == "Benghazi"
    one = find(
        run(pipeline, "Rebels shelled Bengasi in eastern Libya on Monday."), "Bengasi", "LOCATED_IN", "Libya"
    )
    other = find(
        run(pipeline, "Rebels shelled Benghazi in eastern Libya."), "Benghazi", "LOCATED_IN", "Libya"
    )
    assert one is not None and other is not None
    assert one.subject.entity.id == other.subject.entity.id


@pytest.mark.parametrize(
    "text, station, place",
    [
        ("Lisbon RADIO VERANO", "RADIO VERANO", "Lisbon"),
        (
            "Farm Output Rises AB1203004594 Lisbon Radio Verano Network in Portuguese 1200 GMT 12 Mar 94",
            "Radio Verano Network",
            "Lisbon",
        ),
    ],
)
def test_a_monitoring_source_line_places_its_station(pipeline, text, station, place):
    found = expect(pipeline, text, (station, "BASED_IN", place))
    assert not any(a.predicate == "BASED_IN" and a.object.mention.text == "Portuguese" for a in found), (
        f"a language read as a place in {text!r}:\n{show(found)}"
    )


def test_a_state_name_before_a_title_is_the_holder(pipeline):
    found = run(pipeline, "New Mexico Gov. Harl Benton met the farmers on Tuesday.")
    assert any(
        a.subject.mention.text == "Harl Benton" and a.object.mention.text == "New Mexico" for a in found
    ), show(found)
    assert not any(a.object.entity.name == "Mexico" for a in found), show(found)


def test_a_title_with_a_possessive_organisation(pipeline):
    expect(
        pipeline,
        '"It works," said Jo Lindqvist, Halcor Paper\'s chairman and chief executive.',
        ("Jo Lindqvist", "LEADER_OF", "Halcor Paper"),
    )


# --- killings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, killer, victim",
    [
        (
            "Investigators said Dorn Halvey was the gunman who killed Senator Pell Arvo.",
            "Dorn Halvey",
            "Senator Pell Arvo",
        ),
        (
            "Dorn Halvey, the man who murdered Pell Arvo, died in prison last year.",
            "Dorn Halvey",
            "Pell Arvo",
        ),
        (
            "In 1971, Dorn Halvey was sentenced to death for the assassination of Pell Arvo.",
            "Dorn Halvey",
            "Pell Arvo",
        ),
        ("Police arrested Dorn Halvey in the murder of Pell Arvo.", "Dorn Halvey", "Pell Arvo"),
        ("Dorn Halvey pleaded guilty in Tucson to the murder of Pell Arvo.", "Dorn Halvey", "Pell Arvo"),
        ("Dorn Halvey shot and mortally wounded Pell Arvo outside the station.", "Dorn Halvey", "Pell Arvo"),
    ],
)
def test_killings_named_through_relatives_convictions_and_fatal_shots(pipeline, text, killer, victim):
    expect(pipeline, text, (killer, "KILLED", victim))


def test_the_arresting_police_are_not_the_killers(pipeline):
    refuse(
        pipeline, "Police arrested Dorn Halvey in the murder of Pell Arvo.", ("Police", "KILLED", "Pell Arvo")
    )


def test_a_title_word_inside_a_name_is_part_of_the_name(pipeline):
    expect(
        pipeline,
        "Dorn Halvey, the killer of civil rights leader Marten Luther King Jr., escaped.",
        ("Dorn Halvey", "KILLED", "Marten Luther King Jr."),
    )
