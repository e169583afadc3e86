"""In-memory stand-ins for the repositories and adapters, for unit tests of services.

Each fake keeps the contract of the real one that the services rely on (conditional
writes fail the same way, reads hide what the real store hides, returned dicts are
copies), so a service tested against a fake behaves the same against DynamoDB. What a
fake holds is plain attributes (`items`, `requests`, …) that a test may read or arrange.
"""
from tests.fakes.accounts import FakeDeletionMarkers
from tests.fakes.batches import FakeBatches, FakeEvents, FakeObjects
from tests.fakes.devices import FakeDevices
from tests.fakes.push import FakePush
from tests.fakes.reminders import FakeReminders, FakeTickets

__all__ = ["FakeBatches", "FakeDeletionMarkers", "FakeDevices", "FakeEvents", "FakeObjects",
           "FakePush", "FakeReminders", "FakeTickets"]
