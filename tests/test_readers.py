"""Readers: each input format, each bad input, and the boilerplate cleaning."""

from __future__ import annotations

import io
import json

import pytest
from filetools import write

from kg.core import errors
from kg.core.errors import InputError
from kg.core.model import Document
from kg.loaders.boilerplate import PATTERNS_FILE, boilerplate_id
from kg.loaders.readers import clean_text, content_id, read_documents


def read(*paths, stdin=None):
    return list(read_documents([str(p) for p in paths], stdin=stdin))


def one_doc(*paths, stdin=None) -> Document:
    (doc,) = read(*paths, stdin=stdin)
    assert isinstance(doc, Document), doc
    return doc


def one_error(*paths, stdin=None) -> InputError:
    (err,) = read(*paths, stdin=stdin)
    assert isinstance(err, InputError), err
    return err


ARTICLE_HTML = """<!doctype html>
<html><head>
<title>Ferry link reopens | The Example Courier</title>
<meta property="og:title" content="Ferry link between Northport and Southbay reopens">
<link rel="canonical" href="https://courier.example.org/2023/11/ferry-link">
<meta property="article:published_time" content="2023-11-14T08:15:00Z">
</head><body>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
<article>
<h1>Ferry link between Northport and Southbay reopens</h1>
<p>The ferry service between Northport and Southbay resumed on Monday after a three-week
suspension caused by storms in the strait, the port authority announced.</p>
<p>Transport minister Clara Vance told reporters that two additional vessels would join the
route in the spring to cope with rising demand from freight operators.</p>
<p>Continue reading</p>
<p>Local traders in Southbay welcomed the decision and said the closure had cost them several
weeks of deliveries during the busiest season of the year.</p>
</article>
<footer><p>Copyright 2023 The Example Courier. All rights reserved.</p>
<p>Contact the newsroom desk</p></footer>
</body></html>
"""


# --- formats ------------------------------------------------------------------


def test_txt_title_is_first_line_and_first_block(tmp_path):
    path = write(
        tmp_path / "harbour-deal.txt", "\n\nHarbour deal signed\nThe two towns signed a harbour deal.\n"
    )
    doc = one_doc(path)
    assert doc.id == "harbour-deal"
    assert doc.title == "Harbour deal signed"
    assert doc.text == "Harbour deal signed\n\nThe two towns signed a harbour deal."
    assert doc.source == str(path)


def test_md_title_loses_heading_and_emphasis_marks(tmp_path):
    path = write(
        tmp_path / "note.md", "# **Bridge** plan __approved__\n\nThe council approved the **bridge** plan.\n"
    )
    doc = one_doc(path)
    assert doc.id == "note"
    assert doc.title == "Bridge plan approved"
    assert doc.text == "Bridge plan approved\n\nThe council approved the bridge plan."


def test_md_headings_become_blocks_of_their_own(tmp_path):
    path = write(tmp_path / "a.md", "Title line\n## Background\nThe river flooded twice.\n")
    assert one_doc(path).text == "Title line\n\nBackground\n\nThe river flooded twice."


def test_html_main_text_title_date_url(tmp_path):
    doc = one_doc(write(tmp_path / "ferry.html", ARTICLE_HTML))
    assert doc.id == "ferry"
    assert doc.title == "Ferry link between Northport and Southbay reopens"
    assert doc.published == "2023-11-14"
    assert doc.url == "https://courier.example.org/2023/11/ferry-link"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == doc.title
    assert paragraphs[1].startswith("The ferry service between Northport")
    assert "Transport minister Clara Vance" in doc.text
    assert doc.text.count(doc.title) == 1  # the <h1> is not repeated
    for junk in ("Front page", "Sport pages", "Copyright", "newsroom", "Continue reading"):
        assert junk not in doc.text


def test_htm_extension_is_html(tmp_path):
    assert one_doc(write(tmp_path / "ferry.htm", ARTICLE_HTML)).title.startswith("Ferry link")


def test_jsonl_with_and_without_title(tmp_path):
    lines = [
        {
            "id": "a1",
            "text": "Rain closed the pass.",
            "title": "Pass closed",
            "url": "https://x.example/a1",
            "published": "2024-02-03T10:00:00+01:00",
            "source": "wire",
        },
        {"id": "a2", "text": "The mayor resigned."},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    first, second = read(path)
    assert first == Document(
        id="a1",
        text="Pass closed\n\nRain closed the pass.",
        title="Pass closed",
        url="https://x.example/a1",
        published="2024-02-03",
        source="wire",
    )
    assert second == Document(id="a2", text="The mayor resigned.", source=f"{path}:2")


def test_jsonl_blank_lines_skipped_and_empty_text_is_valid(tmp_path):
    path = write(tmp_path / "b.jsonl", '\n{"id": "e", "text": ""}\n\n   \n{"id": "f", "text": "Fine."}\n')
    docs = read(path)
    assert [d.id for d in docs] == ["e", "f"]
    assert docs[0].text == ""
    assert docs[1].source == f"{path}:5"


def test_directory_recursion_sorted_ignores_unknown_files(tmp_path):
    write(tmp_path / "b.txt", "Second\n")
    write(tmp_path / "a.md", "# First\n")
    write(tmp_path / "notes.csv", "x,y\n")
    write(tmp_path / "image.png", b"\x89PNG\x00\x00")
    write(tmp_path / "sub" / "c.jsonl", '{"id": "third", "text": "Third."}\n')
    write(tmp_path / "sub" / "deeper" / "d.htm", ARTICLE_HTML)
    write(tmp_path / ".git" / "e.txt", "hidden\n")
    docs = read(tmp_path)
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == ["a", "b", "third", "d"]


def test_inputs_keep_their_order(tmp_path):
    first = write(tmp_path / "z.txt", "Zed\n")
    second = write(tmp_path / "a.txt", "Ay\n")
    out = read(first, tmp_path / "missing.txt", second)
    assert [type(d).__name__ for d in out] == ["Document", "InputError", "Document"]
    assert [out[0].id, out[2].id] == ["z", "a"]


def test_stdin_plain_text_gets_content_hash_id():
    doc = one_doc("-", stdin=io.BytesIO("\ufeffDam opens\r\nThe dam opened today.\r\n".encode()))
    assert doc.title == "Dam opens"
    assert doc.text == "Dam opens\n\nThe dam opened today."
    assert doc.id == content_id(doc.text)
    assert doc.id.startswith("sha1:") and len(doc.id) == 17
    assert doc.source == "<stdin>"


def test_stdin_jsonl():
    data = b'{"id": "s1", "text": "One."}\n\n{"id": "s2", "text": "Two.", "title": "Second"}\n'
    docs = read("-", stdin=io.BytesIO(data))
    assert [(d.id, d.text, d.source) for d in docs] == [
        ("s1", "One.", "<stdin>"),
        ("s2", "Second\n\nTwo.", "<stdin>"),
    ]


def test_stdin_mixed_json_and_text_is_plain_text():
    doc = one_doc("-", stdin=io.BytesIO(b'{"id": "x", "text": "y"}\nnot json at all\n'))
    assert doc.id.startswith("sha1:")


def test_stdin_text_stream_and_empty_stdin():
    assert one_doc("-", stdin=io.StringIO("Hello\n")).title == "Hello"
    for blank in (b"", b"  \n\n"):  # nothing to store: an error, not an empty article
        err = one_error("-", stdin=io.BytesIO(blank))
        assert err.where == "<stdin>" and err.message == errors.EMPTY_FILE


# --- bad inputs -----------------------------------------------------------------


def test_binary_file(tmp_path):
    path = write(tmp_path / "blob.txt", b"GIF89a\x00\x01\x02")
    err = one_error(path)
    assert err.where == str(path) and err.message == errors.BINARY_FILE


def test_invalid_utf8_reports_line(tmp_path):
    path = write(tmp_path / "latin.txt", b"Line one\nLine two\nCaf" + b"\xe9 au lait\n")
    err = one_error(path)
    assert err.where == f"{path}:3"
    assert err.message == errors.INVALID_UTF8.format(pos=21)


def test_invalid_utf8_after_bom_and_crlf(tmp_path):
    path = write(tmp_path / "x.md", b"\xef\xbb\xbfTitle\r\nok\r\n\xff\r\n")
    assert one_error(path).where == f"{path}:3"


def test_bom_is_tolerated(tmp_path):
    assert one_doc(write(tmp_path / "bom.txt", b"\xef\xbb\xbfTitle\n")).title == "Title"


@pytest.mark.parametrize("content", ["", "  \n\t\n"])
@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html", "e.jsonl"])
def test_empty_file(tmp_path, name, content):
    path = write(tmp_path / name, content)
    err = one_error(path)
    assert err.where == str(path) and err.message == errors.EMPTY_FILE


def test_html_without_main_text_is_empty(tmp_path):
    err = one_error(
        write(tmp_path / "t.html", "<html><head><title>Only a title</title></head><body></body></html>")
    )
    assert err.message == errors.EMPTY_FILE


def test_bad_jsonl_lines_are_errors_and_others_go_on(tmp_path):
    lines = [
        '{"id": "ok1", "text": "Fine."}',
        '{"id": "broken", "text": ',
        '["a", "list"]',
        '{"text": "no id"}',
        '{"id": "no-text"}',
        '{"id": 7, "text": "numeric id"}',
        '{"id": "t", "text": "x", "title": ["not", "a", "string"]}',
        '{"id": "ok2", "text": "Also fine."}',
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    out = read(path)
    assert [d.id for d in out if isinstance(d, Document)] == ["ok1", "ok2"]
    errs = {e.where: e.message for e in out if isinstance(e, InputError)}
    assert list(errs) == [f"{path}:{n}" for n in range(2, 8)]
    assert errs[f"{path}:2"].startswith("is not valid JSON (")
    assert errs[f"{path}:3"] == errors.NOT_AN_OBJECT.format(kind="array")
    assert errs[f"{path}:4"] == errors.MISSING_FIELD.format(field="id")
    assert errs[f"{path}:5"] == errors.MISSING_FIELD.format(field="text")
    assert errs[f"{path}:6"] == errors.WRONG_TYPE.format(field="id", kind="number")
    assert errs[f"{path}:7"] == errors.WRONG_TYPE.format(field="title", kind="array")


def test_stdin_with_a_broken_json_line_is_plain_text():
    # A line that does not parse makes the whole stdin plain text, not an error.
    assert isinstance(one_doc("-", stdin=io.BytesIO(b'{"id": "a"\n')), Document)


def test_unknown_extension_and_missing_path(tmp_path):
    odd = write(tmp_path / "data.csv", "a,b\n")
    err = one_error(odd)
    assert err.where == str(odd) and err.message == errors.UNKNOWN_FORMAT.format(ext=".csv")
    missing = tmp_path / "nope.txt"
    err = one_error(missing)
    assert err.where == str(missing) and err.message == errors.NO_SUCH_PATH


def test_errors_print_as_one_line(tmp_path):
    err = one_error(tmp_path / "nope")
    assert str(err) == f"{tmp_path / 'nope'}: {errors.NO_SUCH_PATH}" and "\n" not in str(err)


# --- cleaning -------------------------------------------------------------------


def test_every_boilerplate_pattern_matches_its_example():
    for entry in json.loads(PATTERNS_FILE.read_text(encoding="utf-8")):
        assert boilerplate_id(entry["example"]) == entry["id"], entry


@pytest.mark.parametrize(
    "line",
    [
        "Image: via EXAMPLEWIRE)",
        "EXAMPLEWIRE / OTHERDESK via Getty Images)",
        "Photo: Jane Doe/Reuters",
        "(Getty Images)",
        "Jane Doe/AFP",
        "Continue reading",
        "CONTINUE READING",
        "Read more",
        "Leave a Comment",
        "Advertisement",
        "Share this article",
        "Sign up for the Morning Brief newsletter",
        "Click here to read the full report",
    ],
)
def test_boilerplate_lines_are_dropped(line):
    assert clean_text(f"Before.\n{line}\nAfter.") == "Before.\n\nAfter."


@pytest.mark.parametrize(
    "line",
    [
        "Prime Minister of Examplestan John Smith",
        "Leave a Commentary",
        "Read more about the ceasefire in our explainer.",
        "Foreign Minister Anna Berg",
        "The agency said it would sign up new members.",
    ],
)
def test_fact_bearing_lines_survive(line):
    assert clean_text(f"Before.\n\n{line}\n\nAfter.") == f"Before.\n\n{line}\n\nAfter."


def test_caption_with_credit_on_next_line_loses_dangling_bracket():
    text = "Delegates arrive at the summit in Northport (\nImage: via EXAMPLEWIRE)\nTalks began at noon."
    assert clean_text(text) == "Delegates arrive at the summit in Northport\n\nTalks began at noon."


def test_blank_lines_collapse_and_trailing_spaces_go():
    text = "\n\nFirst paragraph.   \nstill first.\t\n\n\n\n\nSecond.  \n\n\n"
    assert clean_text(text) == "First paragraph.\nstill first.\n\nSecond."


def test_cleaning_applies_to_every_format(tmp_path):
    body = (
        "Storm hits coast\n\nWinds reached the coast.\nAdvertisement\nContinue reading\nRoads were closed.\n"
    )
    txt = one_doc(write(tmp_path / "s.txt", body))
    assert txt.text == "Storm hits coast\n\nWinds reached the coast.\n\nRoads were closed."
    rec = {"id": "j", "text": "Winds reached the coast.\nLeave a Comment\n"}
    jsonl = one_doc(write(tmp_path / "s.jsonl", json.dumps(rec) + "\n"))
    assert jsonl.text == "Winds reached the coast."


def test_count_inputs_counts_files_and_jsonl_lines(tmp_path):
    from kg.loaders.readers import count_inputs

    write(tmp_path / "a.txt", "One.")
    write(tmp_path / "sub" / "b.md", "Two.")
    write(tmp_path / "feed.jsonl", '{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    write(tmp_path / ".hidden" / "c.txt", "Hidden.")
    write(tmp_path / "notes.csv", "a,b")
    assert count_inputs([str(tmp_path)]) == 4
    assert count_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]) == 2
    assert count_inputs([str(tmp_path), "-"]) is None
