"""Discord bot for qa."""
