""".env.example documents every environment variable the settings read."""
import re
from pathlib import Path

from kefir.config import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
# Read by load_settings itself rather than through the SETTINGS table.
_STAGE_VARIABLES = {"KEFIR_STAGE", "AWS_LAMBDA_FUNCTION_NAME"}


def test_every_variable_the_settings_read_is_documented():
    read = {setting.variable for setting in SETTINGS} | _STAGE_VARIABLES
    documented = set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(),
                                re.MULTILINE))
    assert sorted(read - documented) == []
