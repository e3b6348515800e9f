"""The interview: one question (or field-list group) per screen, a widget per answer type."""
