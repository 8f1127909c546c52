"""Union Cadre LMS core: app factory, config, extensions, accounts, units, markup, security.

``lms.create_app`` is resolved lazily so that importing a small core module
(``lms.textfold``, ``lms.yamlfile``) never drags in Flask and every feature package.
"""


def create_app(config=None):
    """Create the Flask application (see ``lms.factory.create_app``)."""
    # Imported here, not at module top, so `import lms.<core module>` stays light and the
    # feature packages (which import lms.*) can never form a cycle through this file.
    from lms.factory import create_app as _create_app

    return _create_app(config)
