"""The code's shape, beyond what import-linter checks (.importlinter): one place builds the
repositories and adapters, one home declares each event type and reminder kind, and the
domain needs nothing but the standard library."""
import ast
import sys
from pathlib import Path

from kefir.domain.events import DETAIL_FIELDS, EventType
from kefir.domain.reminders import ReminderKind

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "kefir"


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _called_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


def _app_modules(*, besides: tuple[str, ...]) -> list[Path]:
    return [p for p in sorted(APP.rglob("*.py"))
            if not any(p.relative_to(APP).as_posix().startswith(b) for b in besides)]


def test_only_the_wiring_builds_repositories_and_adapters():
    built = {name for name in _called_names(_tree(APP / "wiring.py")) if name[:1].isupper()}
    assert {"Table", "BatchStore", "ReminderStore", "DeviceStore", "TicketStore", "Profiles",
            "ObjectStore", "ExpoPush"} <= built
    # Local mode's boot builds AWS clients to create the resources a Wiring then uses.
    built.discard("AwsClients")
    offenders = {f"{path.relative_to(ROOT)}: {name}"
                 for path in _app_modules(besides=("wiring.py",))
                 for name in _called_names(_tree(path)) & built}
    assert not offenders, "build these in kefir/wiring.py and take them from a Wiring"


def test_event_types_and_reminder_kinds_are_spelled_only_in_their_home():
    # "note" and "ph" are field names too, which the export and the seed plan must name.
    spelled = ({t.value for t in EventType} | {k.value for k in ReminderKind}) - set(DETAIL_FIELDS)
    offenders = set()
    for path in _app_modules(besides=("domain/",)) + sorted((ROOT / "scripts").rglob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and node.value in spelled:
                offenders.add(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert not offenders, "use kefir.domain.events.EventType / reminders.ReminderKind"


def test_the_domain_needs_only_the_standard_library():
    outside = set()
    for path in sorted((APP / "domain").glob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            outside |= {f"{path.name}: {n}" for n in names
                        if n.split(".")[0] not in sys.stdlib_module_names
                        and not n.startswith("kefir.domain")}
    assert not outside
