"""The Qt skin: the only package that imports PySide6.

Widgets render what the core returns (prompts, scores, findings) and send the
user's intents back to it; they never evaluate expressions, score or touch storage rows.
"""
