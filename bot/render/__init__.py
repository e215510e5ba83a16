"""Turning stored records into Telegram HTML messages: pure functions, no I/O.

`html` escapes and builds tags, `telegram_html` checks text against Telegram's rules,
`shorten` cuts text to a budget, `items` renders one digest item / quote / search hit,
`messages` packs items into messages, `callbacks` encodes button data.
"""
