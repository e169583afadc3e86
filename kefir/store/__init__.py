"""DynamoDB: the single table, its keys, and one repository per aggregate."""
