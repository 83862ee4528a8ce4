"""The argument roles of the rule files and the fillers' registry (loaders/fillers.py): every role
a rule names has a filler, the lexicon knows exactly the registered roles, and an unknown one stops
the load with one line naming the file. cues.json is the only rule file that names roles."""

from __future__ import annotations

import json

import pytest
import spacy

from kg.core.datafiles import DataError
from kg.loaders import fillers, lexicon
from kg.loaders.arguments import Roles
from kg.loaders.fillers import Filler, filler, filler_of, role_names, role_prefixes


def _roles_of_rules() -> set[str]:
    return {
        role.partition("@")[0] for rule in lexicon.all_event_rules() for role in rule.subject + rule.object
    }


def _cue_file(tmp_path, role: str) -> str:
    data = json.loads(lexicon.data_path(lexicon.CUES_FILE).read_text(encoding="utf-8"))
    data["relations"]["ATTACKED"]["cues"][0]["object"] = ["obj", role]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    lexicon.all_event_rules.cache_clear()
    return str(path)


def test_every_role_of_the_rule_files_has_a_filler():
    roles = _roles_of_rules()
    assert {"subj", "hyphen_left", "prep:on|against|upon"} <= roles
    for role in roles:
        filler_of(role)  # (ValueError for a role without a filler)
        assert lexicon.role_problem(role) is None


def test_a_role_has_one_kind_of_filler():
    assert {"prep:", "host_prep:", "obj_prep:", "xcomp_prep:"} <= set(role_prefixes())
    for name in role_names():
        entry = filler_of(name)
        assert (entry.tokens is None) != (entry.mentions is None), name


def test_a_registered_filler_is_all_the_lexicon_needs(tmp_path, monkeypatch):
    path = _cue_file(tmp_path, "nearby_subj")
    with pytest.raises(DataError) as caught:
        lexicon.all_event_rules(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path), message
    assert "relations.ATTACKED.cues[0].object[1]" in message and "unknown role 'nearby_subj'" in message
    monkeypatch.setitem(fillers.FILLERS, "nearby_subj", Filler(tokens=lambda *_: []))
    lexicon.all_event_rules.cache_clear()
    assert any(r.object == ("obj", "nearby_subj") for r in lexicon.all_event_rules(path))
    lexicon.all_event_rules.cache_clear()


def test_an_unknown_prefix_is_refused_at_load(tmp_path):
    path = _cue_file(tmp_path, "subj_prep:on")
    with pytest.raises(DataError) as caught:
        lexicon.all_event_rules(path)
    assert "\n" not in str(caught.value) and "unknown role 'subj_prep:on'" in str(caught.value)
    lexicon.all_event_rules.cache_clear()


def test_a_role_is_registered_once():
    with pytest.raises(ValueError, match="two fillers"):
        filler("nearby_subj", "obj")(lambda *_: [])
    assert "nearby_subj" not in role_names()
    with pytest.raises(ValueError, match="two fillers"):
        filler(prefix="prep:")(lambda *_: [])


def test_the_argument_finder_refuses_an_unknown_role_and_leaves_mention_roles_to_events():
    anchor = spacy.blank("en")("attack")[0]
    roles = Roles(frozenset(), frozenset())
    with pytest.raises(ValueError, match="unknown argument role 'target'"):
        roles.role(anchor, "target@place", [anchor])
    assert roles.role(anchor, "self", [anchor]) == [anchor]
    assert "hyphen_left" in role_names()  # (registered by events.py, which role_names imports)
    assert roles.role(anchor, "hyphen_left", [anchor]) == []
