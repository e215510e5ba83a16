"""Turning bytes from files, feeds and messages into `ArticleDraft`s."""
