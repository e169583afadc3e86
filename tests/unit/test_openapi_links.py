"""OpenAPI links: from an operation that creates a resource to every operation beneath it."""
import json
from pathlib import Path

DOCUMENT = json.loads((Path(__file__).resolve().parents[2] / "docs/openapi.json").read_text())


def _operation_ids_under(prefix: str) -> set[str]:
    return {op["operationId"] for path, item in DOCUMENT["paths"].items()
            if path.startswith(prefix) for op in item.values()}


def test_a_new_batch_links_to_every_operation_on_it_and_its_sub_resources():
    links = DOCUMENT["paths"]["/batches"]["post"]["responses"]["201"]["links"]
    assert set(links) == _operation_ids_under("/batches/{batch_id}")
    for link in links.values():
        assert link["parameters"] == {"batch_id": "$response.body#/batch_id"}


def test_links_only_name_operations_that_exist_and_fill_every_path_parameter():
    ids = _operation_ids_under("/")
    for item in DOCUMENT["paths"].values():
        for op in item.values():
            for answer in op["responses"].values():
                for link in answer.get("links", {}).values():
                    assert link["operationId"] in ids
                    target = next(p for p, i in DOCUMENT["paths"].items()
                                  for o in i.values() if o["operationId"] == link["operationId"])
                    assert set(link["parameters"]) == {
                        part[1:-1] for part in target.split("/") if part.startswith("{")}
