"""`storyline --config FILE`: the file's settings for every command, the command line's options over them."""

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()
REPORTS = {
    "a.txt": "Harbour bridge closed\n\nThe Tollan harbour bridge closed on Tuesday after inspectors found cracks. "
             "Engineer Ada Voss said repairs would take three weeks.",
    "b.txt": "Tollan bridge shut for repairs\n\nInspectors shut the Tollan harbour bridge on Tuesday. Ada Voss, the "
             "city engineer, said the cracks would take three weeks to repair.",
}


def test_the_config_file_sets_the_database_and_models_and_the_command_line_wins(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in REPORTS.items():
        (corpus / name).write_text(text)
    cfg = tmp_path / "storyline.toml"
    cfg.write_text('db_url = "configured.db"\nmodels = "fakes:stand_ins"\n')

    ingested = runner.invoke(app, ["--config", str(cfg), "ingest", str(corpus)], env={"STORYLINE_DB": ""})
    assert ingested.exit_code == 0, ingested.output
    assert (tmp_path / "configured.db").exists()
    listed = runner.invoke(app, ["--config", str(cfg), "stories", "--json"], env={"STORYLINE_DB": ""})
    assert listed.exit_code == 0 and '"total": 1' in listed.output, listed.output

    other = tmp_path / "other.db"
    runner.invoke(app, ["--config", str(cfg), "ingest", str(corpus), "--db", str(other)], env={"STORYLINE_DB": ""})
    assert other.exists()


def test_a_bad_config_file_is_a_clear_error(tmp_path):
    cfg = tmp_path / "storyline.toml"
    cfg.write_text("wokers = 2\n")
    result = runner.invoke(app, ["--config", str(cfg), "stories"])
    assert result.exit_code != 0
    assert "unknown setting wokers" in str(result.exception) + result.output
    missing = runner.invoke(app, ["--config", str(tmp_path / "nope.toml"), "stories"])
    assert missing.exit_code == 2 and "does not exist" in missing.output
