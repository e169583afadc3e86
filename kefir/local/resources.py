"""Local mode's resources on the emulator: the same table, bucket, user pool and secrets
that Terraform creates for a stage, created when missing and found when present."""
from __future__ import annotations

import logging
import secrets as random_secrets
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

from kefir.aws import AwsClients
from kefir.config import Settings
from kefir.errors import ConfigError
from kefir.local.emulator import DEFAULT_URL_FILE, LOCAL_EXPO_TOKEN
from kefir.store.schema import create_table

log = logging.getLogger(__name__)


def boot(settings: Settings) -> Settings:
    """Local settings completed with the emulator's endpoint, the user pool's ids and an
    Expo stand-in. The endpoint is KEFIR_AWS_ENDPOINT_URL or the one the emulator process
    recorded (KEFIR_EMULATOR_FILE, `.local/emulator.url`); that process also answers for
    Expo. Settings an earlier boot completed are returned as they are."""
    if settings.aws_endpoint_url and settings.user_pool_id and settings.expo_push_url:
        return settings
    if not settings.aws_endpoint_url:
        url = recorded_endpoint(settings.emulator_file or DEFAULT_URL_FILE)
        settings = settings.with_resources(aws_endpoint_url=url,
                                           expo_push_url=settings.expo_push_url or url)
    try:
        pool_id, client_id = provision(settings)
    except (BotoCoreError, ClientError) as error:
        raise ConfigError(f"The local emulator at {settings.aws_endpoint_url} does not answer "
                          f"({error}); start it with `make run`.") from None
    settings = settings.with_resources(user_pool_id=pool_id, user_pool_client_id=client_id)
    if not settings.expo_push_url:
        settings = settings.with_resources(expo_push_url=start_expo_stand_in(settings))
    return settings


def recorded_endpoint(url_file: Path) -> str:
    """The URL a running emulator process recorded, or ConfigError saying how to start one."""
    url = url_file.read_text().strip() if url_file.exists() else ""
    if not url:
        raise ConfigError(f"No local emulator is running ({url_file} does not name one); "
                          "start one with `make run`, or set KEFIR_AWS_ENDPOINT_URL.")
    return url


def start_expo_stand_in(settings: Settings) -> str:
    """Serve the Expo stand-in in this process on a free loopback port; return its URL."""
    from kefir.local.expo import ExpoStandIn
    stand_in = ExpoStandIn(settings.push_outbox_path, access_token=LOCAL_EXPO_TOKEN).start()
    log.info("local mode: Expo push stand-in at %s", stand_in.url)
    return stand_in.url


def provision(settings: Settings) -> tuple[str, str]:
    """Create what is missing on the emulator at settings.aws_endpoint_url; return the
    user pool's id and its app client's id."""
    aws = AwsClients(settings)
    _ensure_table(aws, settings)
    _ensure_bucket(aws, settings)
    _ensure_secret(aws, settings.signing_key_secret, random_secrets.token_urlsafe(48))
    _ensure_secret(aws, settings.expo_token_secret, LOCAL_EXPO_TOKEN)
    return _ensure_user_pool(aws, settings)


def _ensure_table(aws: AwsClients, settings: Settings) -> None:
    try:
        aws.dynamodb.describe_table(TableName=settings.table_name)
    except aws.dynamodb.exceptions.ResourceNotFoundException:
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
    except aws.secrets.exceptions.ResourceNotFoundException:
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
