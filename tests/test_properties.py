"""Property-based tests (hypothesis): generated text, ids and JSONL thrown at the readers and
the writer. Whatever comes in: no exception escapes, every bad line is reported with its line
number, and every good article is stored whole (real FalkorDB)."""

from __future__ import annotations

import json

from graphtools import entity, fact
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.model import Document
from kg.pipeline import read
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter

# Any code point, surrogates and NUL included, and the characters that break line-based
# formats and quoting (newlines, quotes, backslashes, backticks).
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=80)
NASTY = st.sampled_from(
    [
        "\x00",
        "\ud800",
        "\udfff",
        "\n",
        "\r",
        '"',
        "\\",
        "`",
        "'",
        "\u2028",
        "\ufeff",
        "x" * 1200,
        "é" * 600,
        "",
        " ",
    ]
)
FIELD = st.one_of(ANY_TEXT, NASTY, st.builds(lambda a, b: a + b, ANY_TEXT, NASTY))
RECORD = st.fixed_dictionaries({"id": FIELD, "text": FIELD}, optional={"title": FIELD, "url": FIELD})
LINE = st.one_of(
    RECORD.map(lambda r: json.dumps(r)),  # JSON escapes, surrogates included
    RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)),  # raw characters
    st.text(max_size=40),  # not JSON at all
    st.sampled_from(["[]", "null", '{"id": 3, "text": "x"}', '{"text": "no id"}', "{"]),
)


def _encodable(line: str) -> bytes:
    return line.encode("utf-8", "surrogatepass")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, max_size=8))
def test_readers_report_every_bad_line_and_keep_every_good_one(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("feed")
    path = folder / "feed.jsonl"
    raw = b"\n".join(_encodable(line).replace(b"\n", b" ").replace(b"\r", b" ") for line in lines)
    path.write_bytes(raw + b"\n")
    errors: list = []
    documents = list(read([str(path)], errors=errors))  # never raises
    for document in documents:
        assert document.problem() is None  # nothing unstorable gets through
        assert document.where and document.where.startswith(f"{path}:")
    for error in errors:
        assert str(error).startswith(str(path))  # each error names the file (and line)
        assert "\n" not in str(error)
    # each non-blank line gives exactly one document or one error, unless the whole file is
    # refused (invalid UTF-8 from a lone surrogate written raw): then one error for the file
    # (blank as the reader sees it: after decoding, by str.strip, which also drops \x1c-\x1f)
    non_blank = [line for line in raw.split(b"\n") if line.decode("utf-8", "replace").strip()]
    whole_file_refused = len(errors) == 1 and not documents and str(errors[0]).count(":") <= 3
    assert len(documents) + len(errors) == len(non_blank) or whole_file_refused or not non_blank


RUSSIA = entity("country:RUS", "Russia", "Country", iso3="RUS")
CHAD = entity("country:TCD", "Chad", "Country", iso3="TCD")
ARTICLE = st.fixed_dictionaries({"id": FIELD, "body": FIELD, "title": st.one_of(st.none(), FIELD)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(ARTICLE, min_size=1, max_size=5))
def test_the_writer_stores_every_valid_article_whole_and_nothing_else(store, articles):
    store.clear()
    store.ensure_schema()
    batch, valid, seen = GraphBatch(), [], set()
    for number, article in enumerate(articles):
        sentence = f"Russia sent troops to Chad. {article['body']}"
        document = Document(
            id=article["id"] or f"empty-{number}", text=sentence, title=article["title"], source="gen"
        )
        if document.id in seen:
            continue
        seen.add(document.id)
        batch.add(document, [fact(document, 0, sentence, RUSSIA, "SENT_TROOPS_TO", CHAD)])
        if document.problem() is None:
            valid.append(document.id)
    counts = GraphWriter(store).write(batch)  # never raises for bad values: it reports them
    failed = {article for article, _ in counts.failed}
    assert failed == seen - set(valid)
    stored = store.query("""MATCH (a:Article) WHERE a.content_hash IS NOT NULL
                            OPTIONAL MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
                            RETURN a.id, count(s)""").rows
    assert sorted(stored) == sorted([article, 1] for article in valid)
    assert store.query("MATCH (a:Article) WHERE a.content_hash IS NULL RETURN count(a)").value() == 0
    evidence = store.query("MATCH ()<-[:OBJECT]-(c:Claim {relation: 'SENT_TROOPS_TO'}) RETURN c.article").rows
    assert sorted(row[0] for row in evidence) == sorted(valid)
    assert store.query("MATCH ()-[r:SENT_TROOPS_TO]->() RETURN r.mentions, r.articles").rows == (
        [[len(valid), len(valid)]] if valid else []
    )


def test_lines_of_separator_characters_count_as_blank(tmp_path):
    """Found by hypothesis: '\\x1f' is white space to str.strip, so such a line is blank."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"0\n0\n\x1f\n")
    errors: list = []
    assert list(read([str(path)], errors=errors)) == []
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:1", f"{path}:2"]
