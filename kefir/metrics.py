"""CloudWatch metrics the alarms watch (namespace BubbleBatch, dimension Stage)."""
from __future__ import annotations

NAMESPACE = "BubbleBatch"


def put_count(cloudwatch, name: str, value: int, stage: str) -> None:
    """One PutMetricData call; callers send it only when there is something to count."""
    cloudwatch.put_metric_data(Namespace=NAMESPACE, MetricData=[{
        "MetricName": name, "Value": value, "Unit": "Count",
        "Dimensions": [{"Name": "Stage", "Value": stage}]}])
