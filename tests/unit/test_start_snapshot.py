"""Reset without a state dir: users enter the start snapshot when first handed out (or at the
first reset), so whatever happened to them since, reset gives back exactly the start state."""

from __future__ import annotations

from emulator.runtime import START, Emulator
from emulator.seeding.loader import apply_seed
from emulator.settings import Settings
from emulator.state.start_snapshot import StartSnapshot
from tests.unit.inprocess import InProcessClient, OperationError

POOL = "us-east-1_snap"
SEED = {"UserPools": [{"Id": "snap", "PoolName": "snap", "Groups": [{"GroupName": "g"}],
                       "Clients": [{"ClientId": "snapclient", "ClientName": "c",
                                    "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
                       "Users": [{"Username": f"u{i}", "Password": "Start-pass1!", "Status": "CONFIRMED",
                                  "Attributes": {"email": f"u{i}@example.com"}, "Groups": ["g"]}
                                 for i in range(6)]}]}


def _started() -> tuple[Emulator, InProcessClient]:
    emulator = Emulator(Settings(fixtures=None))
    apply_seed(emulator, SEED)
    emulator.mark_start()
    return emulator, InProcessClient(emulator)


def _state(idp: InProcessClient) -> list[tuple[str, str, list[str], str]]:
    users = idp.list_users(UserPoolId=POOL)["Users"]
    return sorted((u["Username"], u["UserStatus"], sorted(a["Value"] for a in u["Attributes"] if a["Name"] == "email"),
                   str(u["Enabled"])) for u in users)


def test_users_changed_deleted_and_added_all_come_back_as_they_started() -> None:
    emulator, idp = _started()
    assert isinstance(emulator._snapshots[START], StartSnapshot)
    before = _state(idp)
    idp.admin_update_user_attributes(UserPoolId=POOL, Username="u0", UserAttributes=[
        {"Name": "email", "Value": "changed@example.com"}])
    idp.admin_disable_user(UserPoolId=POOL, Username="u1")
    idp.admin_set_user_password(UserPoolId=POOL, Username="u2", Password="Other-pass1!", Permanent=True)
    idp.admin_delete_user(UserPoolId=POOL, Username="u3")
    idp.admin_remove_user_from_group(UserPoolId=POOL, Username="u4", GroupName="g")
    idp.admin_create_user(UserPoolId=POOL, Username="new", MessageAction="SUPPRESS")
    assert _state(idp) != before
    emulator.reset()
    assert _state(idp) == before
    assert [u["Username"] for u in idp.list_users_in_group(UserPoolId=POOL, GroupName="g")["Users"]] == [
        f"u{i}" for i in range(6)]
    signed_in = idp.initiate_auth(ClientId="snapclient", AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "u2", "PASSWORD": "Start-pass1!"})
    assert signed_in["AuthenticationResult"]["AccessToken"]
    try:
        idp.initiate_auth(ClientId="snapclient", AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "u2", "PASSWORD": "Other-pass1!"})
        raise AssertionError("the password set after the start signed in after a reset")
    except OperationError as error:
        assert error.code == "NotAuthorizedException"


def test_a_second_reset_after_more_changes_restores_the_start_again() -> None:
    emulator, idp = _started()
    before = _state(idp)
    idp.admin_disable_user(UserPoolId=POOL, Username="u5")
    emulator.reset()
    idp.admin_update_user_attributes(UserPoolId=POOL, Username="u5", UserAttributes=[
        {"Name": "email", "Value": "again@example.com"}])
    idp.admin_delete_user(UserPoolId=POOL, Username="u0")
    emulator.reset()
    assert _state(idp) == before


def test_a_user_only_read_is_encoded_once_and_a_new_start_replaces_the_old() -> None:
    emulator, idp = _started()
    snapshot = emulator._snapshots[START]
    assert isinstance(snapshot, StartSnapshot)
    pending = len(snapshot._pending)
    idp.admin_get_user(UserPoolId=POOL, Username="u0")  # handed out: encoded before it could change
    assert len(snapshot._pending) == pending - 1
    emulator.mark_start()
    assert emulator.state.tracker.guard is emulator._snapshots[START] and snapshot._pending == {}
