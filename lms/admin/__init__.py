"""Administration of accounts, union units and the audit log."""
