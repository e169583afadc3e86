"""The table's physical shape. Local mode and the tests create exactly this, and a test
checks that Terraform declares the same keys and index."""
from kefir.store.keys import GSI1, GSI1PK, GSI1SK, PK, SK

TTL_ATTRIBUTE = "expires_at"

TABLE_DEFINITION = {
    "KeySchema": [
        {"AttributeName": PK, "KeyType": "HASH"},
        {"AttributeName": SK, "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": name, "AttributeType": "S"} for name in (PK, SK, GSI1PK, GSI1SK)
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": GSI1,
            "KeySchema": [
                {"AttributeName": GSI1PK, "KeyType": "HASH"},
                {"AttributeName": GSI1SK, "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def create_table(dynamodb, table_name: str) -> None:
    """Create the table with its TTL attribute (local mode and tests only)."""
    dynamodb.create_table(TableName=table_name, **TABLE_DEFINITION)
    dynamodb.get_waiter("table_exists").wait(TableName=table_name)
    dynamodb.update_time_to_live(
        TableName=table_name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
    )
