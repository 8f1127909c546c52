"""Branching scenarios: the when-language, the model, the file format, validation, stepping."""
