"""The pack format: built-in and user packs load; malformed packs name file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.errors import SourcetraceError, TopicPackError, UsageError
from sourcetrace.topics import builtin_packs, load_pack, parse_pack
from sourcetrace.topics.locate import TomlLines

from .conftest import FIXTURES

VALID = """\
[pack]
name = "tiny"
title = "A tiny pack"
languages = ["en", "ru"]

[conflict]
parties = ["north"]

[frame]
terms.en = ["recruit*"]

[actors.guard]
label = "Guards"
terms.en = ["guard*"]
terms.ru = ["охранник*"]

[targets.miners]
label = "Miners"
terms.en = ["miner*"]

[entities.boss]
label = "The Boss"
names.en = ["Ada Boss"]
party = "north"
actor = "guard"
"""


def test_builtin_recruitment_pack_loads_with_multilingual_aliases() -> None:
    assert "recruitment" in builtin_packs()
    pack = load_pack("recruitment")
    assert pack.name == "recruitment" and set(pack.languages) >= {"en", "ru", "uk"}
    ids = {c.id for c in pack.categories}
    assert {"wagner", "defence_ministry", "police", "migration_centre", "state", "recruiters",
            "prisoners", "migrants", "foreign_nationals"} <= ids
    wagner = pack.category("wagner")
    assert "ЧВК Вагнер*" in wagner.terms["ru"] and "ПВК Вагнер*" in wagner.terms["uk"]
    mod = pack.category("defence_ministry")
    assert "Минобороны" in mod.terms["ru"] and "Міноборони" in mod.terms["uk"]
    assert "MoD" in mod.terms["en"]
    # interested: a party to the conflict on either side
    assert pack.entity("usov").interested and pack.entity("bastrykin").interested
    assert not pack.entity("chupik").interested
    assert not pack.entity("uk_defence_intelligence").interested


def test_user_pack_from_text_and_path(tmp_path: Path) -> None:
    pack = parse_pack(VALID, "tiny.toml")
    assert pack.entity("boss").interested and pack.entity("boss").actor == "guard"
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    assert load_pack(str(path)).name == "tiny"
    assert load_pack(FIXTURES / "valdoria.toml").name == "valdoria"


@pytest.mark.parametrize(("edit", "line", "problem"), [
    # TOML syntax
    (("terms.en = [\"guard*\"]", "terms.en = [\"guard*\""), 15, "not valid TOML"),
    # unknown key, with the keys it could have been
    (("label = \"Guards\"", "lable = \"Guards\""), 13, "unknown key 'lable'"),
    # a wrong type
    (("terms.en = [\"miner*\"]", "terms.en = \"miner*\""), 19, "must be a list of strings"),
    # a language the pack does not declare
    (("terms.ru = [\"охранник*\"]", "terms.de = [\"Wächter\"]"), 15, "language 'de'"),
    # an entity standing for an actor that does not exist
    (("actor = \"guard\"", "actor = \"guards\""), 25, "'guards' is not an actor"),
    # '*' inside a word
    (("terms.en = [\"miner*\"]", "terms.en = [\"mi*ner\"]"), 19, "'*' may only end a word"),
    # an id used twice across kinds
    (("[targets.miners]", "[targets.guard]"), 17, "already used by actors.guard"),
    # a missing label
    (("label = \"Miners\"\n", ""), 17, "needs a 'label'"),
    # the frame is required
    (("[frame]\nterms.en = [\"recruit*\"]\n", ""), None, "needs a [frame]"),
])
def test_malformed_packs_name_the_line(edit: tuple[str, str], line: int | None,
                                       problem: str) -> None:
    text = VALID.replace(*edit)
    assert text != VALID
    with pytest.raises(TopicPackError) as info:
        parse_pack(text, "bad.toml")
    err = info.value
    assert err.path == "bad.toml" and err.line == line and problem in err.problem
    assert str(err).startswith(f"topic pack bad.toml{':' + str(line) if line else ''}: ")
    assert isinstance(err, SourcetraceError)


def test_bad_regex_points_at_its_element_in_a_multiline_array() -> None:
    text = VALID.replace('terms.en = ["miner*"]',
                         'terms.en = ["miner*"]\npatterns = [\n  "ok",\n  "bad(",\n]')
    with pytest.raises(TopicPackError) as info:
        parse_pack(text, "bad.toml")
    assert info.value.line == 22 and "patterns[1] is not a valid regular expression" in str(
        info.value)


def test_unknown_topic_name_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown topic 'nope'"):
        load_pack("nope")
    with pytest.raises(UsageError, match="does not exist"):
        load_pack(str(tmp_path / "missing.toml"))


def test_non_utf8_pack_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[pack]\nname = "caf\xe9"\n')
    with pytest.raises(TopicPackError, match="not UTF-8"):
        load_pack(str(path))


def test_toml_lines_locate_keys_headers_and_elements() -> None:
    lines = TomlLines(VALID + 'inline = { en = ["a"], ru = ["b"] }\n')
    assert lines.line_of("pack", "languages") == 4
    assert lines.line_of("actors", "guard") == 12
    assert lines.line_of("actors", "guard", "terms", "ru", 0) == 15
    assert lines.line_of("entities", "boss", "inline", "ru") == 26
    assert lines.line_of("nowhere") is None
