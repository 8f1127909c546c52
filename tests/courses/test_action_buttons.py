"""ActionButtons renders the CSRF field exactly as ActionForm does in a template (lesson page)."""
import pytest

from courses.forms import ActionButtons, ActionForm
from tests.conftest import make_app


@pytest.mark.parametrize("overrides", [
    {"WTF_CSRF_ENABLED": True},
    {"WTF_CSRF_ENABLED": False},
    {"WTF_CSRF_ENABLED": True, "WTF_CSRF_FIELD_NAME": "token"},
])
def test_csrf_field_is_the_one_actionform_renders(tmp_path, overrides):
    app = make_app(tmp_path, **overrides)
    template = app.jinja_env.from_string("{{ form.csrf_token }}")
    with app.test_request_context("/courses/x/lessons/y"):
        assert template.render(form=ActionButtons()) == template.render(form=ActionForm())


def test_the_token_is_the_session_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.test_request_context("/"):
        rendered = str(ActionButtons().csrf_token)
        assert rendered.startswith('<input id="csrf_token" name="csrf_token" type="hidden" ')
        assert ActionForm().csrf_token.current_token in rendered
