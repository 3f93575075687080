"""What the commands other than check and build do: `sign-off` and `where`."""
