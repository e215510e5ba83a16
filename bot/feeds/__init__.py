"""RSS/Atom feeds: polling on schedule, full text for teasers, OPML in and out.

- poll_due_feeds(sessions, FeedPolicy(), now=...) -> PollReport: one pass, for the CLI and
  for the bot's JobQueue job alike.
- import_opml / export_opml: the subscription list as OPML.
"""

from bot.feeds.manage import ImportReport, checked_feed_url, export_opml, import_opml
from bot.feeds.policy import FeedPolicy
from bot.feeds.poll import FeedOutcome, PollReport, poll_due_feeds

__all__ = [
    "FeedOutcome",
    "FeedPolicy",
    "ImportReport",
    "PollReport",
    "checked_feed_url",
    "export_opml",
    "import_opml",
    "poll_due_feeds",
]
