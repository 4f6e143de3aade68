from pathlib import Path

import pytest

from ferlint.config import Config, ConfigError, codes_for_file, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL_TABLE = """
select = ["FER0"]
ignore = ["fer005"]
per-file-ignores = {"notebooks/*.ipynb" = ["FER008"], "legacy_*.py" = ["FER"]}
exclude = ["build"]
extend-exclude = ["data/"]
probe = false
probe-timeout = 12
fail-on = ["error"]
"""


def test_pyproject_table_is_read_with_kebab_case_keys(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.ferlint]\n" + FULL_TABLE)
    config = load_config(tmp_path)
    assert config.select == ["FER0"]
    assert config.ignore == ["FER005"]
    assert config.per_file_ignores == {
        "notebooks/*.ipynb": ["FER008"],
        "legacy_*.py": ["FER"],
    }
    assert config.exclude == ["build"]
    assert config.extend_exclude == ["data/"]
    assert config.probe is False
    assert config.probe_timeout == 12.0
    assert config.fail_on == ["error"]
    assert config.source == (tmp_path / "pyproject.toml").resolve()


def test_defaults_where_nothing_is_set(tmp_path):
    write(tmp_path / "ferlint.toml", "")
    config = load_config(tmp_path)
    assert config == Config(source=(tmp_path / "ferlint.toml").resolve())
    assert config.select is None
    assert config.exclude is None
    assert config.fail_on == ["error", "warning"]
    assert config.probe is True
    assert config.probe_timeout == 60.0


def test_ferlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ferlint]\nignore = ["FER001"]\n')
    write(tmp_path / "ferlint.toml", 'ignore = ["FER002"]\n')
    config = load_config(tmp_path)
    assert config.ignore == ["FER002"]
    assert config.source.name == "ferlint.toml"


def test_nearest_configuration_wins_walking_up(tmp_path):
    write(tmp_path / "ferlint.toml", 'ignore = ["FER001"]\n')
    nested = tmp_path / "experiments" / "fer2013"
    write(nested / "ferlint.toml", 'ignore = ["FER006"]\n')
    script = write(nested / "deep" / "train.py", "")
    assert load_config(script).ignore == ["FER006"]
    assert load_config(tmp_path / "experiments").ignore == ["FER001"]


def test_pyproject_without_a_ferlint_table_does_not_stop_the_walk(tmp_path):
    write(tmp_path / "ferlint.toml", 'fail-on = ["error"]\n')
    write(tmp_path / "app" / "pyproject.toml", "[tool.ruff]\nline-length = 88\n")
    config = load_config(tmp_path / "app")
    assert config.fail_on == ["error"]
    assert config.source == (tmp_path / "ferlint.toml").resolve()


def test_explicit_file_is_used_instead_of_the_walk(tmp_path):
    write(tmp_path / "ferlint.toml", 'ignore = ["FER001"]\n')
    explicit = write(tmp_path / "ci" / "strict.toml", 'fail-on = "warning"\n')
    config = load_config(tmp_path, explicit=explicit)
    assert config.ignore == []
    assert config.fail_on == ["warning"]
    assert config.source == explicit.resolve()


def test_explicit_pyproject_reads_its_table(tmp_path):
    explicit = write(tmp_path / "pyproject.toml", "[tool.ferlint]\nprobe = false\n")
    assert load_config(tmp_path / "elsewhere", explicit=explicit).probe is False


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path, explicit=tmp_path / "missing.toml")


def test_unknown_key_names_the_key_the_file_and_what_is_allowed(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ferlint]\nselct = ["FER001"]\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    message = str(raised.value)
    assert "pyproject.toml" in message
    assert "unknown key 'selct' in [tool.ferlint]" in message
    assert "did you mean 'select'" in message
    assert "allowed: select, ignore, per-file-ignores" in message


def test_snake_case_key_is_unknown_and_suggests_kebab_case(tmp_path):
    write(tmp_path / "ferlint.toml", "probe_timeout = 5\n")
    with pytest.raises(ConfigError, match="did you mean 'probe-timeout'"):
        load_config(tmp_path)


def test_bad_severity_in_fail_on(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ferlint]\nfail-on = ["fatal"]\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert "pyproject.toml: [tool.ferlint] fail-on: 'fatal' is not a severity" in str(
        raised.value
    )
    assert "use 'error' or 'warning'" in str(raised.value)


@pytest.mark.parametrize("code", ["FER", "FER0", "FER00", "FER001", "FER009"])
def test_codes_and_prefixes_of_known_codes_are_accepted(tmp_path, code):
    write(tmp_path / "ferlint.toml", f'select = ["{code}"]\n')
    assert load_config(tmp_path).select == [code]


@pytest.mark.parametrize("code", ["FER099", "FER09X", "FER999", "E501", "F"])
def test_unknown_code_is_an_error_naming_it(tmp_path, code):
    write(tmp_path / "ferlint.toml", f'ignore = ["{code}"]\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert f"'{code}' is not a ferlint code" in str(raised.value)
    assert "ignore" in str(raised.value)


def test_unknown_code_in_per_file_ignores_names_the_pattern(tmp_path):
    write(tmp_path / "ferlint.toml", '[per-file-ignores]\n"tests/*" = ["FER123"]\n')
    with pytest.raises(ConfigError, match=r"per-file-ignores 'tests/\*'.*FER123"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('probe = "yes"', "probe: expected true or false"),
        ("probe-timeout = -1", "probe-timeout: expected a number of seconds"),
        ("probe-timeout = true", "probe-timeout: expected a number of seconds"),
        ('exclude = "build"', "exclude: expected a list of strings"),
        ("select = [1]", "select: expected a list of strings"),
        ('per-file-ignores = ["x"]', "per-file-ignores: expected a table"),
    ],
)
def test_bad_values_are_errors(tmp_path, line, expected):
    write(tmp_path / "ferlint.toml", line + "\n")
    with pytest.raises(ConfigError, match=expected):
        load_config(tmp_path)


def test_invalid_toml_is_an_error_naming_the_file(tmp_path):
    write(tmp_path / "ferlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match=r"ferlint\.toml: not valid TOML"):
        load_config(tmp_path)


def test_tool_ferlint_that_is_not_a_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool]\nferlint = "on"\n')
    with pytest.raises(ConfigError, match=r"\[tool.ferlint\] must be a table"):
        load_config(tmp_path)


def per_file(patterns: dict[str, list[str]]) -> Config:
    return Config(per_file_ignores=patterns)


@pytest.mark.parametrize(
    ("pattern", "path", "applies"),
    [
        ("notebooks/*.ipynb", "notebooks/eda.ipynb", True),
        ("notebooks/*.ipynb", "scripts/eda.ipynb", False),
        ("train_*.py", "experiments/train_vgg.py", True),
        ("**/train.py", "train.py", True),
        ("**/train.py", "a/b/train.py", True),
        ("legacy/", "legacy/old/train.py", True),
        ("./scripts/*.py", "scripts/x.py", True),
        ("*.py", "notebooks/eda.ipynb", False),
    ],
)
def test_per_file_ignores_match_path_or_name(pattern, path, applies):
    codes = codes_for_file(per_file({pattern: ["FER008"]}), path)
    assert codes == (["FER008"] if applies else [])


def test_per_file_ignores_combine_without_duplicates():
    config = per_file({"*.ipynb": ["FER008", "FER005"], "eda*": ["FER005", "FER006"]})
    assert codes_for_file(config, Path("nb") / "eda.ipynb") == [
        "FER008",
        "FER005",
        "FER006",
    ]


def test_selects_longest_prefix_wins():
    config = Config(select=["FER0"], ignore=["FER00"])
    assert not config.selects("FER001")
    narrow = Config(select=["FER001"], ignore=["FER0"])
    assert narrow.selects("FER001")
    assert not narrow.selects("FER002")
    assert Config().selects("FER009")
    assert not Config(ignore=["FER009"]).selects("FER009")
    assert not Config(select=[]).selects("FER001")
    assert Config(fail_on=["error"]).fails_on("error")
    assert not Config(fail_on=["error"]).fails_on("warning")
