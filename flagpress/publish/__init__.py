"""Stage 4, publish: the only code that writes the output (leak scan, release switch)."""
