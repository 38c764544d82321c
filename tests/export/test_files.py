"""Output files are written whole or not at all: a write cut short leaves the previous file as it was."""

import json

import pytest

from storyline.export import files
from storyline.export.document import write_json


def test_a_write_cut_short_keeps_the_previous_file_and_a_finished_one_leaves_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "storyline.json"
    out.write_text('{"complete": true}', encoding="utf-8")

    def killed(tmp, _final):
        raise KeyboardInterrupt  # as a kill after the new content was written, before it was put in place

    with monkeypatch.context() as patch:
        patch.setattr(files, "replace_atomically", killed)
        with pytest.raises(KeyboardInterrupt):
            files.write_text(out, "x" * 100_000)
    assert json.loads(out.read_text(encoding="utf-8")) == {"complete": True}  # was: truncated by open("w")

    files.write_text(out, "done\ud800", errors="backslashreplace")
    assert out.read_text(encoding="utf-8") == "done\\ud800"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["storyline.json"]


def test_the_json_export_goes_through_the_atomic_write(tmp_path, monkeypatch):
    written = []
    monkeypatch.setattr("storyline.export.document.write_text", lambda path, text, errors: written.append(path))
    monkeypatch.setattr("storyline.export.document.validate", lambda doc: None)
    write_json({"schema": "storyline/3"}, tmp_path / "a" / "doc.json")
    assert written == [tmp_path / "a" / "doc.json"] and (tmp_path / "a").is_dir()
