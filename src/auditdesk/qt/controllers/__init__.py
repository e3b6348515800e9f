"""Controllers turn what the user asks for on screen into calls on the core."""
