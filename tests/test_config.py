"""Settings: TOML file, then environment overrides."""

from agent_desktop.config import load_settings


def test_defaults_mean_embedded_server_and_chinese(tmp_path):
    s = load_settings(tmp_path / "missing.toml", env={})
    assert s.embedded
    assert s.language == "zh_CN"
    assert s.verify_tls


def test_file_then_environment(tmp_path):
    f = tmp_path / "config.toml"
    f.write_text('server_url = "https://hotline.example"\nverify_tls = true\n'
                 '[sip]\nregistrar = "sip:pbx.example"\n', encoding="utf-8")
    s = load_settings(f, env={"AGENT_DESKTOP_VERIFY_TLS": "false",
                              "AGENT_DESKTOP_LANGUAGE": "en"})
    assert s.server_url == "https://hotline.example"
    assert not s.embedded
    assert s.verify_tls is False
    assert s.language == "en"
    assert s.extra["sip"]["registrar"] == "sip:pbx.example"
