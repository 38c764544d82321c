"""The config file: typed, complete or partial, and loud about typos."""

from pathlib import Path

import pytest

from storyline.exceptions import ConfigError
from storyline.settings import Settings, load_settings


def config(tmp_path, text: str):
    path = tmp_path / "storyline.toml"
    path.write_text(text)
    return path


def test_a_partial_file_overrides_only_what_it_names(tmp_path):
    settings = load_settings(config(tmp_path, 'workers = 2\nextract_budget_seconds = 5\n'
                                              '[thresholds]\nstory_join = 0.55\n[fetch]\ncontact = "ops@example.org"\n'))
    defaults = Settings()
    assert settings.workers == 2 and settings.extract_budget_seconds == 5.0
    assert settings.thresholds.story_join == 0.55
    assert settings.thresholds.same_claim == defaults.thresholds.same_claim
    assert settings.fetch.contact == "ops@example.org" and settings.fetch.max_bytes == defaults.fetch.max_bytes
    assert settings.spacy_model == defaults.spacy_model


def test_a_database_path_is_relative_to_the_file_and_a_url_is_kept(tmp_path):
    assert load_settings(config(tmp_path, 'db_url = "data/news.db"')).db_url == f"sqlite:///{tmp_path}/data/news.db"
    url = "postgresql+psycopg://storyline@localhost/news"
    assert load_settings(config(tmp_path, f'db_url = "{url}"')).db_url == url


@pytest.mark.parametrize("text, message", [
    ("worker = 2", "unknown setting worker"),
    ("[thresholds]\nstory_joins = 0.5", "[thresholds]: unknown setting story_joins"),
    ("workers = true", "workers must be int"),
    ('workers = "2"', "workers must be int"),
    ("[fetch]\nmax_bytes = 1.5", "max_bytes must be int"),
    ("thresholds = 0.5", "thresholds must be a table"),
    ("workers = ", "not valid TOML"),
])
def test_mistakes_are_config_errors_that_name_the_setting(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(config(tmp_path, text))


def test_the_example_config_in_the_repository_loads():
    example = Path(__file__).parents[1] / "examples" / "storyline.toml"
    assert load_settings(example).fetch.contact
