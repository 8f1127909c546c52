"""Content files (laws, courses, lessons) parsed into frozen specs, with located errors."""
