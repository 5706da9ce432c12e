"""Exit codes every command shares."""

EXIT_OK = 0
EXIT_FINDINGS = 1  # the data has error-level findings
EXIT_BAD_INPUT = 2  # the input cannot be used: unreadable, invalid, or blocked by errors
