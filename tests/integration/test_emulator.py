"""The emulator keeps DynamoDB's transaction guarantees with its cheap rollback."""
import pytest
from botocore.exceptions import ClientError


@pytest.fixture
def ddb(wiring):
    return wiring.aws.dynamodb, wiring.table.name


def _item(ddb, pk):
    client, table = ddb
    return client.get_item(TableName=table, Key={"PK": {"S": pk}, "SK": {"S": "X"}},
                           ConsistentRead=True).get("Item")


def test_a_cancelled_transaction_undoes_its_earlier_operations(ddb, unique):
    client, table = ddb
    kept, new, absent = f"T#{unique}-kept", f"T#{unique}-new", f"T#{unique}-absent"
    client.put_item(TableName=table, Item={"PK": {"S": kept}, "SK": {"S": "X"}, "n": {"N": "1"}})
    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": {"PK": {"S": kept}, "SK": {"S": "X"}},
                        "UpdateExpression": "SET n = :two", "ExpressionAttributeValues": {
                            ":two": {"N": "2"}}}},
            {"Put": {"TableName": table, "Item": {"PK": {"S": new}, "SK": {"S": "X"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"PK": {"S": absent},
                                                            "SK": {"S": "X"}},
                                "ConditionExpression": "attribute_exists(PK)"}}])
    assert _item(ddb, kept)["n"] == {"N": "1"}
    assert _item(ddb, new) is None


def test_a_transaction_that_passes_writes_everything(ddb, unique):
    client, table = ddb
    first, second = f"T#{unique}-1", f"T#{unique}-2"
    client.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": {"PK": {"S": pk}, "SK": {"S": "X"}}}}
        for pk in (first, second)])
    assert _item(ddb, first) and _item(ddb, second)
