"""Local mode: an embedded AWS emulator (moto's server, in this process) with the same
table, bucket, user pool and secrets that Terraform creates for a real stage."""
from __future__ import annotations

import functools
import logging
import secrets as random_secrets
import threading

from botocore.exceptions import ClientError

from kefir.aws import AwsClients
from kefir.config import Settings
from kefir.store.schema import create_table

log = logging.getLogger(__name__)

LOCAL_EXPO_TOKEN = "local-expo-access-token"


def start_emulator() -> str:
    """Start moto's server on a free loopback port and return its endpoint URL."""
    from moto.server import ThreadedMotoServer

    _make_dynamodb_writes_atomic()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return f"http://{host}:{port}"


_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")
_write_lock = threading.RLock()


def _make_dynamodb_writes_atomic() -> None:
    """DynamoDB applies each conditional write atomically; moto's threaded server checks
    the condition and then writes with no lock, so two overlapping requests can both pass
    (seen under load: two processor runs both claimed one reminder). Serialise the
    emulator's writes so local mode and the tests keep DynamoDB's guarantee."""
    from moto.dynamodb.models import DynamoDBBackend

    if getattr(DynamoDBBackend, "_kefir_atomic_writes", False):
        return
    for name in _WRITES:
        setattr(DynamoDBBackend, name, _locked(getattr(DynamoDBBackend, name)))
    DynamoDBBackend._kefir_atomic_writes = True


def _locked(method):
    @functools.wraps(method)
    def serialised(*args, **kwargs):
        with _write_lock:
            return method(*args, **kwargs)
    return serialised


def boot(settings: Settings) -> Settings:
    """Start the emulator unless one is named, create what is missing, return the settings
    completed with the emulator's endpoint and the user pool's ids. Settings that an
    earlier boot completed are returned as they are (tests build many apps on one)."""
    if settings.aws_endpoint_url and settings.user_pool_id and settings.expo_push_url:
        return settings
    if not settings.aws_endpoint_url:
        settings = settings.with_resources(aws_endpoint_url=start_emulator())
        if settings.emulator_file:
            settings.emulator_file.parent.mkdir(parents=True, exist_ok=True)
            settings.emulator_file.write_text(settings.aws_endpoint_url + "\n")
    aws = AwsClients(settings)
    _ensure_table(aws, settings)
    _ensure_bucket(aws, settings)
    _ensure_secret(aws, settings.signing_key_secret, random_secrets.token_urlsafe(48))
    _ensure_secret(aws, settings.expo_token_secret, LOCAL_EXPO_TOKEN)
    pool_id, client_id = _ensure_user_pool(aws, settings)
    log.info("local mode: AWS emulator at %s", settings.aws_endpoint_url)
    settings = settings.with_resources(user_pool_id=pool_id, user_pool_client_id=client_id)
    if not settings.expo_push_url:
        settings = settings.with_resources(expo_push_url=start_expo_stand_in(settings))
    return settings


def start_expo_stand_in(settings: Settings) -> str:
    """Serve the Expo stand-in on a free loopback port; return its base URL."""
    from kefir.local.expo import ExpoStandIn
    stand_in = ExpoStandIn(settings.push_outbox_path, access_token=LOCAL_EXPO_TOKEN).start()
    log.info("local mode: Expo push stand-in at %s", stand_in.url)
    return stand_in.url


def _ensure_table(aws: AwsClients, settings: Settings) -> None:
    try:
        aws.dynamodb.describe_table(TableName=settings.table_name)
    except ClientError:
        create_table(aws.dynamodb, settings.table_name)


def _ensure_bucket(aws: AwsClients, settings: Settings) -> None:
    try:
        aws.s3.head_bucket(Bucket=settings.photo_bucket)
    except ClientError:
        aws.s3.create_bucket(Bucket=settings.photo_bucket)
        aws.s3.put_bucket_cors(Bucket=settings.photo_bucket, CORSConfiguration={"CORSRules": [
            {"AllowedMethods": ["POST", "GET"], "AllowedOrigins": ["*"],
             "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]})


def _ensure_secret(aws: AwsClients, name: str, value: str) -> None:
    try:
        aws.secrets.describe_secret(SecretId=name)
    except ClientError:
        aws.secrets.create_secret(Name=name, SecretString=value)


def _ensure_user_pool(aws: AwsClients, settings: Settings) -> tuple[str, str]:
    name = settings.table_name.replace("-table", "-users")
    pools = aws.cognito.list_user_pools(MaxResults=60)["UserPools"]
    pool_id = next((p["Id"] for p in pools if p["Name"] == name), None)
    if pool_id is None:
        pool_id = aws.cognito.create_user_pool(
            PoolName=name, UsernameAttributes=["email"], AutoVerifiedAttributes=["email"],
        )["UserPool"]["Id"]
    clients = aws.cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)
    client_id = next((c["ClientId"] for c in clients["UserPoolClients"]), None)
    if client_id is None:
        # The emulator lacks USER_AUTH/EMAIL_OTP; the local identity adapter obtains tokens
        # through the admin flow instead, so that flow is enabled here and only here.
        client_id = aws.cognito.create_user_pool_client(
            UserPoolId=pool_id, ClientName=name.replace("-users", "-app"),
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]
    return pool_id, client_id
