"""Conventions profiles: installed ones load, user files extend them, a paper selects one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdrp_archive.archive.errors import ParseError
from cdrp_archive.extract.conventions import DEFAULT, builtin_profiles, choose, load_profiles, merge


def test_installed_profiles_load_and_extend_the_default() -> None:
    profiles = builtin_profiles()
    assert DEFAULT in profiles
    assert profiles["south-cambridgeshire"].select
    assert choose(profiles, "Report to the South Cambs CDRP board").name == "south-cambridgeshire"
    assert choose(profiles, "Minutes of the Cabinet of Kent County Council").name == DEFAULT


def test_merge_adds_to_lists_merges_tables_and_replaces_on_request() -> None:
    base = {"outcomes": {"noted": "noted"}, "acronyms": {"words": ["csp"]}}
    extra = {"outcomes": {"carried": "carried"}, "acronyms": {"words": ["csp", "asb"]}}
    merged = merge(base, extra)
    assert merged["outcomes"] == {"noted": "noted", "carried": "carried"}
    assert merged["acronyms"]["words"] == ["csp", "asb"]
    assert merge(base, extra, replace=["acronyms.words"])["acronyms"]["words"] == ["csp", "asb"]
    assert merge(base, {"acronyms": {"words": ["x"]}}, ["acronyms.words"])["acronyms"] == {
        "words": ["x"]
    }


def test_a_user_file_extends_the_installed_profile_of_its_name(tmp_path: Path) -> None:
    (tmp_path / "default.toml").write_text('[acronyms]\nwords = ["mapa"]\n', encoding="utf-8")
    (tmp_path / "kent.toml").write_text(
        'select = ["Kent County Council"]\n[outcomes]\ncarried = "carried"\n', encoding="utf-8"
    )
    profiles = load_profiles([tmp_path])
    assert "mapa" in profiles[DEFAULT].words("acronyms.words")
    assert "mapa" in profiles["kent"].words("acronyms.words")  # kent extends the user's default
    assert profiles["kent"].mapping("outcomes")["carried"] == "carried"
    assert choose(profiles, "Kent County Council, Cabinet").name == "kent"
    assert profiles["kent"].words("no.such.key") == ()


def test_bad_files_and_names_are_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("select = [", encoding="utf-8")
    with pytest.raises(ParseError, match=r"broken\.toml: not a valid profile"):
        load_profiles([tmp_path])
    (tmp_path / "broken.toml").write_text('extends = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ParseError, match="extends 'nowhere'"):
        load_profiles([tmp_path])
    with pytest.raises(ParseError, match="no profile named 'x'"):
        choose(builtin_profiles(), "", "x")
