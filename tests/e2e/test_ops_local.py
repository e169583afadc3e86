"""Operator tools reach a running local server's data through the endpoint it records."""
import pytest

from kefir.ops.target import connect

pytestmark = pytest.mark.e2e


def test_a_local_server_records_its_emulator_for_operator_tools(server):
    wiring = connect("local", {"KEFIR_EMULATOR_FILE": str(server.emulator_file),
                               "AWS_REGION": "us-east-1"})
    assert server.emulator_file.read_text().startswith("http://127.0.0.1:")
    assert wiring.table.name == "kefir-local-table"
    assert wiring.settings.user_pool_id
