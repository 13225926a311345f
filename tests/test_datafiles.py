"""The one data-file loader: YAML 1.2 words, schema errors that name the file, every file loads."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot import datafiles
from bot.datafiles import DataFileError, Schema

BOT_DIR = Path(__file__).resolve().parents[1] / "bot"


def test_words_that_yaml_1_1_read_as_booleans_stay_words(tmp_path: Path) -> None:
    path = tmp_path / "words.yml"
    path.write_text("sweeping: [all, no, none]\nlocales: {NO: Norway}\nflags: [on, off, yes, true]\n")
    data = datafiles.load(path)
    assert data["sweeping"] == ["all", "no", "none"]
    assert data["locales"] == {"NO": "Norway"}
    assert data["flags"] == ["on", "off", "yes", True]


def test_the_no_of_reflections_sweeping_list_is_the_word_no() -> None:
    data = datafiles.load(BOT_DIR / "nlp" / "patterns" / "reflection.yml")
    assert "no" in data["sweeping"]
    assert not any(isinstance(word, bool) for word in data["sweeping"])


class _Words(Schema):
    words: list[str]
    limit: int = 3


def test_a_schema_gives_the_model(tmp_path: Path) -> None:
    path = tmp_path / "ok.yml"
    path.write_text("words: [a, b]\n")
    assert datafiles.load(path, _Words) == _Words(words=["a", "b"], limit=3)


def test_a_wrong_key_fails_naming_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yml"
    path.write_text("words: [a, b]\n# a comment\nlimt: 4\n")
    with pytest.raises(DataFileError, match=r"wrong\.yml:3: limt: extra fields not permitted"):
        datafiles.load(path, _Words)


def test_a_wrong_type_fails_naming_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yml"
    path.write_text("words: [a, b]\nlimit: many\n")
    with pytest.raises(DataFileError, match=r"wrong\.yml:2: limit"):
        datafiles.load(path, _Words)


def test_a_duplicate_key_or_broken_yaml_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "twice.yml"
    path.write_text("words: [a]\nwords: [b]\n")
    with pytest.raises(DataFileError, match="twice.yml"):
        datafiles.load(path)
    path.write_text("words: [a\n")
    with pytest.raises(DataFileError, match="twice.yml"):
        datafiles.load(path)


@pytest.mark.parametrize("path", sorted(BOT_DIR.rglob("*.yml")), ids=lambda p: str(p.relative_to(BOT_DIR)))
def test_every_data_file_under_bot_loads(path: Path) -> None:
    assert datafiles.load(path) is not None
