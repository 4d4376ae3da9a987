"""Seed files: validated against the Create* input shapes, all-or-nothing, errors name the entry."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from emulator.runtime import Emulator
from emulator.seeding.loader import SeedError, apply_seed, load_seed_file
from emulator.settings import DEFAULT_FIXTURES, Settings
from emulator.userpools.users.credentials import password_matches
from emulator.userpools.users.identity import find_user


def seed(**pool: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "Id": "seeded",
        "PoolName": "seeded-pool",
        "Clients": [
            {"ClientId": "webclient", "ClientName": "web"},
            {"ClientId": "serverclient", "ClientName": "server",
             "ClientSecret": "serversecret000000000000000000000"},
        ],
        "Groups": [{"GroupName": "admins", "Precedence": 1}],
        "Users": [{"Username": "alice", "Password": "Passw0rd!", "Attributes": {"email": "a@example.com"},
                   "Status": "CONFIRMED", "Groups": ["admins"]}],
    }
    base.update(pool)
    return {"UserPools": [base]}


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(Settings(fixtures=None))


def error_of(emulator: Emulator, document: Any) -> str:
    with pytest.raises(SeedError) as caught:
        apply_seed(emulator, document)
    assert not emulator.store.user_pools and not emulator.store.client_pool, "a bad seed applied something"
    return str(caught.value)


def test_good_seed_is_applied(emulator: Emulator) -> None:
    apply_seed(emulator, seed(UserPoolTags={"team": "auth"}))
    pool = emulator.store.user_pools["us-east-1_seeded"]
    assert pool.name == "seeded-pool"
    assert set(pool.clients) == {"webclient", "serverclient"}
    assert pool.clients["serverclient"].secret == "serversecret000000000000000000000"
    assert pool.clients["webclient"].secret is None
    assert emulator.store.client_pool == {"webclient": pool.id, "serverclient": pool.id}
    assert set(pool.groups) == {"admins"}
    assert emulator.store.tags[pool.arn] == {"team": "auth"}
    alice = find_user(pool, "alice")
    assert alice is not None and alice.status == "CONFIRMED" and alice.groups == {"admins"}
    assert alice.attributes["email"] == "a@example.com" and alice.attributes["sub"]
    assert alice.password is not None and not alice.password.temporary
    assert password_matches(alice.password, "Passw0rd!")


def test_force_change_password_user_gets_a_temporary_password(emulator: Emulator) -> None:
    bob_entry = {"Username": "bob", "Password": "Temp0rary!", "Status": "FORCE_CHANGE_PASSWORD"}
    apply_seed(emulator, seed(Users=[bob_entry]))
    bob = find_user(emulator.store.user_pools["us-east-1_seeded"], "bob")
    assert bob is not None and bob.status == "FORCE_CHANGE_PASSWORD" and bob.password is not None
    assert bob.password.temporary


def test_bundled_default_fixtures_load(emulator: Emulator) -> None:
    load_seed_file(emulator, DEFAULT_FIXTURES)
    pool = emulator.store.user_pools["us-east-1_localdemo"]
    assert pool.clients["localdemoclient"].secret is None
    assert pool.clients["localdemoserver"].secret
    assert set(pool.groups) == {"admins", "users"}


def test_full_pool_id_and_generated_ids(emulator: Emulator) -> None:
    apply_seed(emulator, {"UserPools": [
        {"Id": "us-east-1_Full", "PoolName": "a"},
        {"PoolName": "b", "Clients": [{"ClientName": "generated"}]},
    ]})
    assert "us-east-1_Full" in emulator.store.user_pools
    generated = next(p for p in emulator.store.user_pools.values() if p.name == "b")
    assert generated.id.startswith("us-east-1_")
    assert len(next(iter(generated.clients))) == 26


def test_bad_client_names_its_entry(emulator: Emulator) -> None:
    document = seed()
    document["UserPools"][0]["Clients"][1]["ExplicitAuthFlows"] = ["NOT_A_FLOW"]
    message = error_of(emulator, document)
    assert message.startswith(
        "UserPools[0].Clients[1]: InvalidParameterException: 1 validation error detected:")
    assert "explicitAuthFlows" in message


def test_missing_required_member_uses_aws_wording(emulator: Emulator) -> None:
    document = seed()
    del document["UserPools"][0]["Clients"][0]["ClientName"]
    assert error_of(emulator, document) == (
        "UserPools[0].Clients[0]: InvalidParameterException: 1 validation error detected: "
        "Value null at 'clientName' failed to satisfy constraint: Member must not be null")


@pytest.mark.parametrize("where, mutate, expected", [
    ("top level", lambda d: d.update(Extra=1), "unknown top-level keys ['Extra']"),
    ("pool", lambda d: d["UserPools"][0].update(Colour="red"),
     "UserPools[0]: unknown keys ['Colour'] for CreateUserPool"),
    ("client", lambda d: d["UserPools"][0]["Clients"][0].update(Secret="x"),
     "UserPools[0].Clients[0]: unknown keys ['Secret'] for CreateUserPoolClient"),
    ("group", lambda d: d["UserPools"][0]["Groups"][0].update(Members=[]),
     "UserPools[0].Groups[0]: unknown keys ['Members'] for CreateGroup"),
    ("user", lambda d: d["UserPools"][0]["Users"][0].update(Email="a@b.c"),
     "UserPools[0].Users[0]: unknown keys ['Email']"),
])
def test_unknown_keys_are_refused(emulator: Emulator, where: str, mutate: Any, expected: str) -> None:
    document = seed()
    mutate(document)
    assert expected in error_of(emulator, document)


INVALID = "InvalidParameterException"


@pytest.mark.parametrize("mutate, expected", [
    (lambda p: p.update(Id="has space"), "UserPools[0].Id: InvalidParameterException"),
    (lambda p: p.update(Id="Europe_other"), "UserPools[0].Id: Europe_other does not start with a region"),
    (lambda p: p.update(PoolName=7), "UserPools[0]: SerializationException"),
    (lambda p: p["Clients"][1].update(ClientSecret="short"), f"UserPools[0].Clients[1]: {INVALID}"),
    (lambda p: p["Clients"][0].update(ClientId="bad id!"), f"UserPools[0].Clients[0]: {INVALID}"),
    (lambda p: p.update(Clients={"ClientName": "x"}), "UserPools[0].Clients: expected a list"),
    (lambda p: p["Groups"].append({"GroupName": "admins"}), "UserPools[0].Groups[1]: GroupExistsException"),
    (lambda p: p["Users"][0].update(Status="ARCHIVED"), "UserPools[0].Users[0]: Status must be one of"),
    (lambda p: p["Users"][0].update(Groups=["nobody"]),
     "UserPools[0].Users[0]: groups ['nobody'] are not declared"),
    (lambda p: p["Users"][0].pop("Username"), "UserPools[0].Users[0]: InvalidParameterException"),
    (lambda p: p["Users"][0].update(Password=" x"), "UserPools[0].Users[0]: InvalidParameterException"),
    (lambda p: p["Users"].append("bob"), "UserPools[0].Users[1]: expected an object"),
    (lambda p: p["Users"][0].pop("Password"),
     "UserPools[0].Users[0]: exactly one of Password and PasswordHash is required"),
    (lambda p: p["Users"][0].update(Password="short"), "UserPools[0].Users[0]: InvalidPasswordException"),
    (lambda p: p["Users"].append({"Username": "alice", "Password": "Passw0rd!"}),
     "UserPools[0].Users[1]: UsernameExistsException"),
])
def test_bad_entries_name_themselves(emulator: Emulator, mutate: Any, expected: str) -> None:
    document = seed()
    mutate(document["UserPools"][0])
    assert error_of(emulator, document).startswith(expected)


def test_bad_identity_pool_is_refused(emulator: Emulator) -> None:
    document = {**seed(), "IdentityPools": [{"IdentityPoolName": "ids"}]}
    assert error_of(emulator, document).startswith(
        "IdentityPools[0]: ValidationException: 1 validation error detected: "
        "Value null at 'allowUnauthenticatedIdentities'")


def test_duplicate_pool_ids_are_refused(emulator: Emulator) -> None:
    first = seed()["UserPools"][0]
    second = {"Id": "us-east-1_seeded", "PoolName": "again"}
    message = error_of(emulator, {"UserPools": [first, second]})
    assert message == "user pool us-east-1_seeded is declared twice"


def test_duplicate_client_ids_across_pools_are_refused(emulator: Emulator) -> None:
    first = seed()["UserPools"][0]
    second = {"Id": "other", "PoolName": "other", "Clients": [{"ClientId": "webclient", "ClientName": "x"}]}
    assert error_of(emulator, {"UserPools": [first, second]}) == "app client webclient is declared twice"


def test_nothing_is_applied_when_a_later_entry_is_bad(emulator: Emulator) -> None:
    good = seed()["UserPools"][0]
    bad = copy.deepcopy(good) | {"Id": "second", "MfaConfiguration": "SOMETIMES"}
    bad["Clients"] = []
    message = error_of(emulator, {"UserPools": [good, bad]})
    assert message.startswith("UserPools[1]: InvalidParameterException")


def test_pool_already_in_the_store_is_refused(emulator: Emulator) -> None:
    apply_seed(emulator, seed())
    with pytest.raises(SeedError, match="declared twice"):
        apply_seed(emulator, seed(Clients=[]))


def test_yaml_seed_file(emulator: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "seed.yaml"
    path.write_text(
        "UserPools:\n"
        "  - Id: yamlpool\n"
        "    PoolName: from-yaml\n"
        "    Clients:\n"
        "      - {ClientId: yamlclient, ClientName: yaml-web}\n",
        encoding="utf-8",
    )
    load_seed_file(emulator, path)
    assert emulator.store.client_pool == {"yamlclient": "us-east-1_yamlpool"}


@pytest.mark.parametrize("name, text, expected", [
    ("seed.json", "{not json", "is not valid JSON"),
    ("seed.yml", "UserPools: [unclosed", "is not valid YAML"),
    ("seed.json", "[]", "the seed must be a JSON/YAML object"),
    ("seed.json", json.dumps({"UserPools": {"Id": "x"}}), "UserPools: expected a list"),
])
def test_unparseable_files(emulator: Emulator, tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError, match=expected) as caught:
        load_seed_file(emulator, path)
    assert str(caught.value).startswith(str(path))


def test_missing_file(emulator: Emulator, tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="cannot read seed file .*No such file"):
        load_seed_file(emulator, tmp_path / "absent.json")


def test_a_large_seed_reports_progress(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    from emulator.seeding import loader

    monkeypatch.setattr(loader, "PROGRESS_EVERY", 2)
    users = [{"Username": f"p{i}", "Password": "Passw0rd!1"} for i in range(5)]
    with caplog.at_level("INFO", logger="emulator.seeding"):
        loader.apply_seed(Emulator(Settings(fixtures=None)), {"UserPools": [{"Id": "progress", "PoolName": "p",
                                                                             "Users": users}]})
    assert [r.getMessage() for r in caplog.records] == ["seeding us-east-1_progress: 2 of 5 users",
                                                        "seeding us-east-1_progress: 4 of 5 users",
                                                        "seeding us-east-1_progress: hashing 5 passwords"]
