"""One test per validation rule in engine/config.py, JSON round trips and bad files."""
import json

import pytest

from engine.config import (ConfigError, ConfigProblem, GPTConfig, TrainConfig, load_gpt_config, load_train_config,
                           save_config, validate_gpt_dict, validate_train_dict)

# The source material's GPT_CONFIG_124M, key for key.
SOURCE_124M = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 768, "n_heads": 12,
               "n_layers": 12, "drop_rate": 0.1, "qkv_bias": False}


def gpt_problems(**changes):
    return [p.message for p in validate_gpt_dict({**SOURCE_124M, **changes})]


def one_problem(problems, *fragments):
    assert len(problems) == 1, problems
    text = problems[0].message if isinstance(problems[0], ConfigProblem) else problems[0]
    for fragment in fragments:
        assert fragment in text, text


# --------------------------------------------------------------------------- GPT config

def test_source_material_dict_loads_as_is():
    cfg = GPTConfig.from_dict(SOURCE_124M)
    assert cfg.to_dict() == SOURCE_124M
    assert cfg == GPTConfig()  # the defaults are GPT_CONFIG_124M
    assert cfg.head_dim == 64


def test_emb_dim_not_divisible_by_n_heads():
    one_problem(gpt_problems(emb_dim=770), "emb_dim 770 is not divisible by n_heads 12")


@pytest.mark.parametrize("key", ["vocab_size", "context_length", "emb_dim", "n_heads", "n_layers"])
@pytest.mark.parametrize("value", [0, -3])
def test_sizes_must_be_positive(key, value):
    problems = gpt_problems(**{key: value})
    assert any(f"{key} must be greater than 0, but it is {value}" in p for p in problems), problems


@pytest.mark.parametrize("rate", [-0.1, 1, 1.0, 2.5, float("nan"), float("inf")])
def test_drop_rate_outside_zero_one(rate):
    one_problem(gpt_problems(drop_rate=rate), "drop_rate")


@pytest.mark.parametrize("rate", [0, 0.0, 0.5, 0.999])
def test_drop_rate_inside_zero_one(rate):
    assert gpt_problems(drop_rate=rate) == []


@pytest.mark.parametrize("value, shown", [("768", "a string ('768')"), (768.0, "a float (768.0)"),
                                          (None, "null"), ([768], "a list")])
def test_no_silent_casts_to_int(value, shown):
    one_problem(gpt_problems(emb_dim=value), "emb_dim must be a whole number", shown)
    with pytest.raises(ConfigError):
        GPTConfig.from_dict({**SOURCE_124M, "emb_dim": value})


def test_bool_where_int_belongs():
    one_problem(gpt_problems(n_layers=True), "n_layers must be a whole number", "a boolean (true)")


def test_drop_rate_must_be_a_number_not_a_string_or_bool():
    one_problem(gpt_problems(drop_rate="0.1"), "drop_rate must be a number")
    one_problem(gpt_problems(drop_rate=False), "drop_rate must be a number", "a boolean")


def test_qkv_bias_must_be_a_bool():
    one_problem(gpt_problems(qkv_bias=0), "qkv_bias must be true or false")
    one_problem(gpt_problems(qkv_bias="false"), "qkv_bias must be true or false")


def test_unknown_key_suggests_the_closest():
    one_problem(gpt_problems(n_layer=12), "Unknown key 'n_layer'", "Did you mean 'n_layers'?")
    one_problem(gpt_problems(embdim=768), "Did you mean 'emb_dim'?")


def test_unknown_key_without_a_close_match_lists_valid_keys():
    one_problem(gpt_problems(zzzzz=1), "Unknown key 'zzzzz'", "Valid keys:", "context_length")


def test_vocab_size_below_gpt2_tokenizer():
    one_problem(gpt_problems(vocab_size=50000), "vocab_size 50000 is smaller than", "50257")
    assert gpt_problems(vocab_size=50304) == []  # padded vocabularies are fine


def test_missing_keys():
    data = dict(SOURCE_124M)
    del data["n_heads"], data["qkv_bias"]
    problems = [p.message for p in validate_gpt_dict(data)]
    assert "Missing key 'n_heads'." in problems and "Missing key 'qkv_bias'." in problems
    assert len(problems) == 2


@pytest.mark.parametrize("data", [[1, 2], "gpt", 3, None])
def test_gpt_config_must_be_an_object(data):
    one_problem(validate_gpt_dict(data), "must be a JSON object")


def test_all_problems_reported_at_once():
    bad = {**SOURCE_124M, "emb_dim": 770, "n_layers": "12", "drop_rate": 1.5, "qkv_bias": "no",
           "vocab_size": 100, "colour": "red"}
    del bad["context_length"]
    with pytest.raises(ConfigError) as exc:
        GPTConfig.from_dict(bad)
    text = "\n".join(exc.value.messages())
    for fragment in ("emb_dim 770", "n_layers must be a whole number", "drop_rate must be at least 0",
                     "qkv_bias", "vocab_size 100", "Unknown key 'colour'", "Missing key 'context_length'"):
        assert fragment in text
    assert len(exc.value.problems) == 7
    assert str(exc.value) == text


def test_replace_validates():
    cfg = GPTConfig()
    assert cfg.replace(n_layers=2).n_layers == 2
    with pytest.raises(ConfigError, match="not divisible"):
        cfg.replace(n_heads=7)


# --------------------------------------------------------------------------- training config

def train_problems(gpt=None, **values):
    return [p.message for p in validate_train_dict(values, gpt)]


def test_train_defaults_and_partial_dicts():
    assert TrainConfig.from_dict({}) == TrainConfig()
    assert TrainConfig.from_dict({"batch_size": 8}).batch_size == 8


@pytest.mark.parametrize("key", ["batch_size", "max_steps", "eval_interval", "eval_batches",
                                 "max_length", "stride"])
def test_train_positive_ints(key):
    one_problem(train_problems(**{key: 0}), f"{key} must be greater than 0")
    one_problem(train_problems(**{key: 2.0}), f"{key} must be a whole number")
    one_problem(train_problems(**{key: True}), f"{key} must be a whole number")


def test_seed_must_be_int():
    one_problem(train_problems(seed="123"), "seed must be a whole number")
    assert train_problems(seed=-5) == []  # any whole number seeds


@pytest.mark.parametrize("key, bad, good", [("learning_rate", 0, 1e-3), ("learning_rate", 11, 10),
                                            ("weight_decay", -0.1, 0), ("train_ratio", 0, 0.5),
                                            ("grad_clip", -1, 0)])
def test_train_number_ranges(key, bad, good):
    one_problem(train_problems(**{key: bad}), key)
    assert train_problems(**{key: good}) == []
    one_problem(train_problems(**{key: "0.1"}), f"{key} must be a number")


def test_train_ratio_must_leave_validation_text():
    one_problem(train_problems(train_ratio=1), "train_ratio must leave some text for validation")


def test_device_choices():
    one_problem(train_problems(device="tpu"), "device must be one of auto, cpu, cuda, mps")
    assert train_problems(device="mps") == []


def test_text_source_must_be_a_non_empty_string():
    one_problem(train_problems(text_source=""), "text_source")
    one_problem(train_problems(text_source=3), "text_source")


def test_max_length_beyond_context_length():
    small = GPTConfig.from_dict({**SOURCE_124M, "context_length": 32})
    one_problem(train_problems(small, max_length=64), "max_length 64 is larger than the model's "
                                                      "context_length 32")
    # The default max_length (64) is checked too when the dict leaves it out.
    one_problem(train_problems(small), "max_length 64")
    assert train_problems(small, max_length=32) == []
    with pytest.raises(ConfigError):
        TrainConfig.from_dict({"max_length": 64}, small)


def test_train_unknown_key_suggestion():
    one_problem(train_problems(learning_rat=0.1), "Did you mean 'learning_rate'?")


def test_train_config_must_be_an_object():
    one_problem(validate_train_dict([1]), "must be a JSON object")


def test_train_all_problems_at_once():
    problems = train_problems(batch_size=0, learning_rate="fast", device="gpu", lr=1)
    assert len(problems) == 4


# --------------------------------------------------------------------------- files

def test_json_round_trip(tmp_path):
    gpt = GPTConfig.from_dict({**SOURCE_124M, "n_layers": 3, "qkv_bias": True, "drop_rate": 0.0})
    train = TrainConfig(batch_size=4, learning_rate=1e-3, device="cpu", text_source="corpus.txt")
    save_config(gpt, tmp_path / "gpt.json")
    save_config(train, tmp_path / "train.json")
    assert load_gpt_config(tmp_path / "gpt.json") == gpt
    assert load_train_config(tmp_path / "train.json", gpt) == train
    assert json.loads((tmp_path / "gpt.json").read_text()) == gpt.to_dict()


def test_source_dict_file_loads(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps(SOURCE_124M))
    assert load_gpt_config(tmp_path / "c.json").to_dict() == SOURCE_124M


def test_combined_file(tmp_path):
    (tmp_path / "both.json").write_text(json.dumps({"model": {**SOURCE_124M, "context_length": 32},
                                                    "train": {"max_length": 32}}))
    gpt = load_gpt_config(tmp_path / "both.json")
    assert gpt.context_length == 32
    assert load_train_config(tmp_path / "both.json", gpt).max_length == 32


def _file_problem(path, loader=load_gpt_config) -> str:
    with pytest.raises(ConfigError) as exc:
        loader(path)
    assert len(exc.value.problems) == 1
    return exc.value.problems[0].message


def test_missing_file(tmp_path):
    assert "does not exist" in _file_problem(tmp_path / "nope.json")
    assert "does not exist" in _file_problem(tmp_path / "nope.json", load_train_config)


def test_not_json(tmp_path):
    (tmp_path / "c.json").write_text('{"emb_dim": 768,,}')
    assert "is not valid JSON" in _file_problem(tmp_path / "c.json")
    assert "line 1" in _file_problem(tmp_path / "c.json")


def test_not_utf8(tmp_path):
    (tmp_path / "c.json").write_bytes(b'{"emb_dim": "\xff\xfe"}')
    assert "is not UTF-8" in _file_problem(tmp_path / "c.json")


def test_a_folder(tmp_path):
    assert "is a folder" in _file_problem(tmp_path)


def test_absurd_json_is_a_message_not_a_crash(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    assert "deep.json" in _file_problem(tmp_path / "deep.json")
    (tmp_path / "long.json").write_text('{"emb_dim": ' + "9" * 5000 + "}")
    assert "long.json" in _file_problem(tmp_path / "long.json")


def test_file_with_bad_values_reports_them_all(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({**SOURCE_124M, "emb_dim": 770, "n_heads": 0}))
    with pytest.raises(ConfigError) as exc:
        load_gpt_config(tmp_path / "c.json")
    assert any("n_heads must be greater than 0" in m for m in exc.value.messages())


# --------------------------------------------------------------------------- typed problems

def test_problems_name_their_field():
    problems = validate_gpt_dict({**SOURCE_124M, "emb_dim": 770, "drop_rate": 2, "colour": 1})
    by_message = {p.message.split()[0]: p for p in problems}
    assert by_message["emb_dim"].field == "emb_dim" and by_message["emb_dim"].fields() == ("emb_dim", "n_heads")
    assert by_message["drop_rate"].field == "drop_rate"
    assert by_message["Unknown"].field is None and by_message["Unknown"].fields() == ()
    small = GPTConfig(context_length=32)
    (problem,) = validate_train_dict({"max_length": 64, }, small)
    assert problem.field == "max_length" and "context_length" in problem.fields()
    with pytest.raises(ConfigError) as exc:
        GPTConfig.from_dict({**SOURCE_124M, "n_layers": 0})
    assert all(isinstance(p, ConfigProblem) for p in exc.value.problems)
    assert exc.value.messages() == ["n_layers must be greater than 0, but it is 0."]


@pytest.mark.parametrize("key, value, fragment", [
    ("emb_dim", 16_392, "emb_dim must be at most 16,384"),
    ("n_layers", 1_000_000, "n_layers must be at most 256"),
    ("context_length", 40_000, "context_length must be at most 32,768"),
    ("vocab_size", 10 ** 30, "vocab_size must be at most 1,048,576"),
    ("n_heads", 10 ** 3000, "n_heads must be at most 256, but it is a number with more than 40 digits"),
], ids=["emb_dim", "n_layers", "context_length", "vocab_size", "n_heads"])
def test_sizes_have_upper_bounds(key, value, fragment):
    assert any(fragment in m for m in gpt_problems(**{key: value}))


@pytest.mark.parametrize("key, value", [("seed", 2 ** 64), ("seed", -(2 ** 63) - 1),
                                        ("batch_size", 4097), ("eval_batches", 1001)])
def test_training_ints_have_ranges(key, value):
    (problem,) = validate_train_dict({key: value})
    assert problem.field == key and "must be" in problem.message
    assert validate_train_dict({"seed": 2 ** 63 - 1}) == []
