"""The pipeline as spaCy components: data files checked at load time, findings on the Doc,
the same results through nlp.pipe(n_process=2), long documents parsed in parts with exact
offsets. Sentences are written for these tests."""

from __future__ import annotations

import json

import pytest

from kg.core.datafiles import DataError
from kg.core.errors import KgError
from kg.core.model import Document
from kg.loaders import lexicon
from kg.loaders.extractor import PART_CHARS, parts
from kg.loaders.lexicon import data_path
from kg.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _copy(tmp_path, name: str, change) -> str:
    data = json.loads(data_path(name).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _cue(data, relation="ATTACKED", index=0):
    return data["relations"][relation]["cues"][index]


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: _cue(d).update(objects=["obj"]), ["relations.ATTACKED.cues[0]", "unknown key 'objects'"]),
        (
            lambda d: _cue(d).update(object=["obj", "target"]),
            ["relations.ATTACKED.cues[0].object[1]", "unknown role 'target'"],
        ),
        (lambda d: _cue(d).update(object=["prep:on@town"]), ["unknown role filter @town"]),
        (
            lambda d: d["relations"].update(BOMBED=d["relations"]["ATTACKED"]),
            ["relations.BOMBED", "unknown relation 'BOMBED'"],
        ),
        (lambda d: _cue(d).update(confidence=1.5), ["relations.ATTACKED.cues[0].confidence", "outside"]),
        (
            lambda d: _cue(d).update(requires={"object_lemma": ["x"]}),
            ["relations.ATTACKED.cues[0].requires", "unknown key 'object_lemma'"],
        ),
        (lambda d: _cue(d).update(pattern=[{"LEMA": "hit"}]), ["bad Matcher pattern"]),
        (
            lambda d: d["relations"]["ATTACKED"].update(family="SUPPORT"),
            ["relations.ATTACKED.family", "not a family"],
        ),
    ],
)
def test_a_bad_cue_file_fails_at_load_with_one_line(tmp_path, change, words):
    path = _copy(tmp_path, "cues.json", change)
    lexicon.all_event_rules.cache_clear()
    with pytest.raises(DataError) as caught:
        lexicon.all_event_rules(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path)
    for word in words:
        assert word in message, message
    assert isinstance(caught.value, KgError)


@pytest.mark.parametrize(
    "name, change, words",
    [
        (
            "roles.json",
            lambda d: d["kinds"]["leader"].update(relation="RULES"),
            ["kinds.leader.relation", "unknown relation 'RULES'"],
        ),
        (
            "actors.json",
            lambda d: d["sectors"].update(pirates=["corsair"]),
            ["sectors.pirates", "unknown sector"],
        ),
        ("actors.json", lambda d: d["seats"].update(palace=["XX", "government"]), ["seats.palace", "ISO3"]),
        (
            "states.json",
            lambda d: d["rules"]["located_in.comma"].update(weight=1),
            ["rules.located_in.comma", "unknown key 'weight'"],
        ),
        ("modality.json", lambda d: d.update(speech_verb=["say"]), ["unknown key 'speech_verb'"]),
        ("weights.json", lambda d: d.pop("pronoun"), ["missing key 'pronoun'"]),
    ],
)
def test_every_data_file_is_checked(tmp_path, name, change, words):
    path = _copy(tmp_path, name, change)
    loader = {
        "roles.json": lexicon.roles,
        "actors.json": lexicon.actors,
        "states.json": lexicon.states,
        "modality.json": lexicon.modality,
        "weights.json": lexicon.weights,
    }[name]
    with pytest.raises(DataError) as caught:
        loader(path)
    message = str(caught.value)
    assert "\n" not in message and all(w in message for w in words), message


def test_the_shipped_data_files_load():
    assert lexicon.event_rules() and lexicon.hyphen_rules()
    assert "foreign minister" in lexicon.roles().all_titles
    assert "minister of foreign affairs" in lexicon.roles().all_titles  # from the portfolios
    assert lexicon.actors().seats["kremlin"] == ("RUS", "government")


def test_components_leave_their_findings_on_the_doc(pipeline):
    doc = pipeline.extractor.nlp("Peruvian soldiers attacked the town of Tarata on Monday.")
    assert pipeline.extractor.nlp.pipe_names[-2:] == ["kg_mentions", "kg_relations"]
    types = {s.text: s.label_ for s in doc.spans["kg_mentions"]}
    assert types["Peruvian soldiers"] == "Group"
    record = next(r for r in doc._.kg_extractions if r["predicate"] == "ATTACKED")
    assert record["subject"]["text"] == "Peruvian soldiers" and record["subject"]["iso3"] == "PER"
    assert doc._.kg_sentences == 1
    assert doc.to_bytes()  # plain data only: the Doc crosses process boundaries as bytes


def test_relations_read_what_the_mentions_wrote_when_nothing_was_handed_over(pipeline):
    from spacy.tokens import Doc

    nlp = pipeline.extractor.nlp
    text = "Argentine police arrested Marco Duarte in Rosario on Friday. Chile sent troops to Bolivia."
    doc = nlp(text)  # kg_mentions hands its index to kg_relations in the same process
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())  # as another process receives it
    copy._.kg_extractions = None
    assert nlp.get_pipe("kg_relations")(copy)._.kg_extractions == doc._.kg_extractions
    assert len(doc._.kg_extractions) >= 2


TEXTS = [
    "Chile sent troops to Bolivia. Bolivian President Ana Quispe condemned the move.",
    "Argentine police arrested Marco Duarte in Rosario on Friday.",
    "Brazil and Uruguay imposed sanctions on Paraguay, officials said.",
    "Rebels attacked Cochabamba. The army said it repelled the rebels.",
] * 3


def _keys(results):
    return [
        (
            d.id,
            sorted(
                (
                    a.subject.entity.id,
                    a.predicate,
                    a.object.entity.id,
                    a.sentence.index,
                    a.subject.mention.start,
                    a.qualifiers.modality,
                )
                for a in found
            ),
        )
        for d, found in results
    ]


def test_two_processes_give_what_one_gives(pipeline):
    documents = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS)]
    one = _keys(pipeline.assertions_many(documents, workers=1))
    two = _keys(pipeline.assertions_many(documents, workers=2))
    assert one == two
    assert sum(len(found) for _, found in one) >= 8


def test_parts_keep_every_character():
    text = ("Para one. " * 50 + "\n\n") * 100
    cut = parts(text, size=2000)
    assert "".join(p for _, p in cut) == text
    assert all(len(p) <= 2000 for _, p in cut)
    assert all(text[o : o + len(p)] == p for o, p in cut)


def test_a_long_document_is_parsed_in_parts_with_exact_offsets(pipeline):
    paragraph = (
        "Chile sent troops to Bolivia on Monday. Peruvian police arrested Marco Duarte in Lima. "
    ) * 3
    filler = "Nothing happened in the valley that week. " * 40
    text = "\n\n".join([filler, paragraph] * 30)
    assert len(text) > 2 * PART_CHARS
    document = Document(id="long", text=text)
    found = pipeline.assertions(document)
    arrests = [a for a in found if a.predicate == "ARRESTED"]
    assert len({a.sentence.index for a in arrests}) == 90  # every part's sentences, numbered on
    for a in found:
        assert text[a.sentence.start : a.sentence.end] == a.sentence.text
        for m in (a.subject.mention, a.object.mention):
            assert text[m.start : m.end] == m.text
    # sentence numbers run on across parts: the same as parsing sentence by sentence
    indexes = sorted({a.sentence.index for a in found})
    assert indexes == sorted(set(indexes)) and max(indexes) > 200
