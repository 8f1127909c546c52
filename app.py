"""Entry point: ``python app.py`` serves the LMS with WebSocket support (gevent).

``flask --app app`` commands import this module too; they do not monkey-patch.
"""
import os

if __name__ == "__main__":
    # gevent must patch the standard library before anything else is imported.
    from gevent import monkey

    monkey.patch_all()

from lms import create_app  # noqa: E402
from lms.extensions import socketio  # noqa: E402

app = create_app()

if __name__ == "__main__":
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    print(f"Union Cadre LMS: http://{host}:{port}/", flush=True)
    socketio.run(app, host=host, port=port)
