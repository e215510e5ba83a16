"""Scheduled digests: the tick writes them into the outbox, the sender drains it under
Telegram's limits, the watchdog restarts either when it stalls with work due."""
