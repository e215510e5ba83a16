"""A local Bot API emulator for end-to-end tests of the real bot process.

`Telegram` is the entry point; `tests.harness.fixtures` has the pytest fixtures.
"""

from .emulator import Telegram
from .faults import Fault, Faults, Rule
from .log import RequestLog, RequestRecord, Violation
from .reader import Reader
from .server import DEFAULT_TOKEN
from .state import ChatRecord, QueryRecord, StoredMessage

__all__ = [
    "DEFAULT_TOKEN",
    "ChatRecord",
    "Fault",
    "Faults",
    "QueryRecord",
    "Reader",
    "RequestLog",
    "RequestRecord",
    "Rule",
    "StoredMessage",
    "Telegram",
    "Violation",
]
