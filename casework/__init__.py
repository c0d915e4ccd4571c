"""The engine: every change of state as one function that validates, changes, flushes and logs."""
