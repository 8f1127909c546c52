"""User accounts and union units: rules, services, CSV import and CLI."""
