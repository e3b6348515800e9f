"""The XLSForm engine: an immutable definition, an instance, and a session that drives them.

Modelled on JavaRosa/ODK Collect: definition (parsed once) → instance (answers and
flags) → session (the only writer: validates, recomputes what depends on a change,
navigates over relevant questions and tells the UI what to show).
"""
