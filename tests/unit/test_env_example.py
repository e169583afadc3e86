""".env.example documents every environment variable the settings read."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_NAME = re.compile(r"\b(KEFIR_[A-Z0-9_]+|AWS_[A-Z_]+|LOG_LEVEL)\b")


def test_every_variable_the_settings_read_is_documented():
    read = set(_NAME.findall((ROOT / "kefir" / "config.py").read_text()))
    documented = set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(),
                                re.MULTILINE))
    assert read, "the pattern no longer finds the settings' variables"
    assert sorted(read - documented) == []
