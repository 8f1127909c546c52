"""Union unit tree: levels, moves, deletion, manager scope, CSV import."""
import pytest

from lms.accounts import units
from lms.errors import PermissionDenied, ValidationError
from lms.extensions import db
from lms.models import Unit
from tests import factories


@pytest.fixture
def tree(app):
    return factories.gen_tree()


def _data(**kw):
    base = dict(code="NEW", name="Đơn vị mới", kind="grassroots", parent_id=None)
    base.update(kw)
    return units.UnitData(**base)


def test_create_builds_the_materialized_path(tree):
    unit = units.create_unit(_data(parent_id=tree["up_a"].id, sector="state"), actor=None)
    assert unit.path == f"{tree['up_a'].path}{unit.id}/"
    assert tree["fed"].contains(unit) and not tree["up_b"].contains(unit)


@pytest.mark.parametrize("changes, fragment", [
    ({"kind": "grassroots", "parent_id": None}, "cấp cao nhất"),
    ({"kind": "upper", "parent_key": "gr_a"}, "cấp cao hơn"),
    ({"code": "có dấu"}, "chữ không dấu"),
    ({"code": "GR-A", "parent_key": "up_a"}, "đã được dùng"),
    ({"name": "", "parent_key": "up_a"}, "Tên phải có"),
    ({"member_count": -1, "parent_key": "up_a"}, "không được âm"),
    ({"sector": "moon", "parent_key": "up_a"}, "Khu vực"),
])
def test_create_refuses_bad_input(tree, changes, fragment):
    parent_key = changes.pop("parent_key", None)
    if parent_key:
        changes["parent_id"] = tree[parent_key].id
    with pytest.raises(ValidationError) as error:
        units.create_unit(_data(**changes), actor=None)
    assert any(fragment in str(p) for p in error.value.errors), error.value.errors


def test_moving_a_unit_moves_its_subtree(tree):
    units.update_unit(tree["up_a"].id, _data(code="UP-A", name="KCN", kind="upper",
                                             parent_id=tree["fed"].id), actor=None)
    fed2 = units.create_unit(_data(code="FED2", kind="federation"), actor=None)
    units.update_unit(tree["up_a"].id, _data(code="UP-A", name="KCN", kind="upper",
                                             parent_id=fed2.id), actor=None)
    gr_a = db.session.get(Unit, tree["gr_a"].id)
    assert gr_a.path.startswith(fed2.path) and fed2.contains(gr_a)


def test_a_unit_cannot_move_under_its_own_descendant(tree):
    fed2 = units.create_unit(_data(code="FED2", kind="federation"), actor=None)
    with pytest.raises(ValidationError):
        units.update_unit(tree["fed"].id, _data(code="FED", kind="federation",
                                                parent_id=tree["up_a"].id), actor=None)
    assert fed2.parent_id is None


def test_only_empty_units_can_be_deleted(tree):
    with pytest.raises(ValidationError):
        units.delete_unit(tree["up_a"].id, actor=None)
    factories.gen_user(unit=tree["gr_b"])
    with pytest.raises(ValidationError):
        units.delete_unit(tree["gr_b"].id, actor=None)
    units.delete_unit(tree["gr_a"].id, actor=None)
    assert db.session.get(Unit, tree["gr_a"].id) is None


def test_manager_edits_only_inside_the_subtree(tree):
    manager = factories.gen_user(role="manager", unit=tree["up_a"])
    units.create_unit(_data(parent_id=tree["up_a"].id), actor=manager)
    with pytest.raises(ValidationError):
        units.create_unit(_data(code="X2", parent_id=tree["up_b"].id), actor=manager)
    with pytest.raises(PermissionDenied):
        units.update_unit(tree["gr_b"].id, _data(code="GR-B", parent_id=tree["up_b"].id),
                          actor=manager)
    with pytest.raises(PermissionDenied):
        units.delete_unit(tree["up_a"].id, actor=manager)
    assert [u.code for u in units.list_units(manager)] == ["UP-A", "GR-A", "NEW"]


def test_csv_import_orders_parents_first_and_writes_all(tree):
    data = ("code,name,parent_code,kind,sector,member_count\n"
            "CD-X1,CĐCS X1,UP-NEW,grassroots,non_state,50\n"
            "UP-NEW,Công đoàn ngành Y tế,FED,upper,,0\n").encode()
    result = units.import_units(data, actor=None, dry_run=False)
    assert result.written and not result.errors
    child = db.session.query(Unit).filter_by(code="CD-X1").one()
    assert child.parent.code == "UP-NEW" and tree["fed"].contains(child)


def test_csv_import_with_a_bad_row_writes_nothing(tree):
    data = ("code,name,parent_code,kind\n"
            "OK-1,Đúng,UP-A,grassroots\n"
            "BAD-1,Sai cha,NOWHERE,grassroots\n"
            "BAD-2,Sai cấp,GR-A,upper\n").encode()
    result = units.import_units(data, actor=None, dry_run=False)
    assert not result.written and {e.line for e in result.errors} == {3, 4}
    assert db.session.query(Unit).filter_by(code="OK-1").count() == 0
