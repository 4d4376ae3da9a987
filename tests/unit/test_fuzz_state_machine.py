"""A Hypothesis state machine over users and pools (issue 12, item 5), in-process.

Rules: create and delete pools; sign up (and confirm with the code from the outbox), admin
create users; sign in; change attributes; sign out (GlobalSignOut, AdminUserGlobalSignOut);
delete users (DeleteUser, AdminDeleteUser). After every step the invariants hold: a live
session's access token works (GetUser) and its refresh token refreshes; the tokens of a user
who signed out, was deleted or whose pool was deleted are refused; no answer is a 5xx.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, initialize, invariant, rule

from emulator.runtime import Emulator
from emulator.settings import Settings
from tests.unit.inprocess import InProcessClient, OperationError

PASSWORD = "Passw0rd!Aa"
REFUSED = {"NotAuthorizedException", "UserNotFoundException", "ResourceNotFoundException"}


@dataclass
class Pool:
    id: str
    client_id: str
    users: dict[str, User] = field(default_factory=dict)
    deleted: bool = False


@dataclass
class User:
    pool: Pool
    username: str
    confirmed: bool
    deleted: bool = False
    nickname: str | None = None


@dataclass
class Session:
    user: User
    access: str
    refresh: str
    ended: bool = False  # signed out: its tokens must be refused


class UsersAndPools(RuleBasedStateMachine):
    pools = Bundle("pools")
    users = Bundle("users")
    sessions = Bundle("sessions")

    def __init__(self) -> None:
        super().__init__()
        self.emulator = Emulator(Settings(fixtures=None, verify_error_codes=True))
        self.idp = InProcessClient(self.emulator)
        self.all_sessions: list[Session] = []

    @initialize(target=pools)
    def first_pool(self) -> Pool:
        return self.create_pool()

    # --- pools ------------------------------------------------------------------------------
    @rule(target=pools)
    def create_pool(self) -> Pool:
        pool_id = self.idp.create_user_pool(PoolName=f"p{uuid.uuid4().hex[:6]}",
                                            AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
        client = self.idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="c",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
        return Pool(pool_id, client["ClientId"])

    @rule(pool=consumes(pools))
    def delete_pool(self, pool: Pool) -> None:
        self.idp.delete_user_pool(UserPoolId=pool.id)
        pool.deleted = True

    # --- users ------------------------------------------------------------------------------
    @rule(target=users, pool=pools, name=st.from_regex(r"[a-z]{1,8}", fullmatch=True), confirm=st.booleans())
    def sign_up(self, pool: Pool, name: str, confirm: bool) -> User:
        if name in pool.users and not pool.users[name].deleted:
            try:
                self.idp.sign_up(ClientId=pool.client_id, Username=name, Password=PASSWORD)
            except OperationError as error:
                assert error.code == "UsernameExistsException"
            return pool.users[name]
        self.idp.sign_up(ClientId=pool.client_id, Username=name, Password=PASSWORD,
                         UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
        user = pool.users[name] = User(pool, name, confirmed=False)
        if confirm:
            code = self.emulator.outbox.find(pool.id, name)[-1].code
            self.idp.confirm_sign_up(ClientId=pool.client_id, Username=name, ConfirmationCode=code)
            user.confirmed = True
        return user

    @rule(target=users, pool=pools, name=st.from_regex(r"[a-z]{1,8}", fullmatch=True))
    def admin_create(self, pool: Pool, name: str) -> User:
        if name in pool.users and not pool.users[name].deleted:
            return pool.users[name]
        self.idp.admin_create_user(UserPoolId=pool.id, Username=name, MessageAction="SUPPRESS")
        self.idp.admin_set_user_password(UserPoolId=pool.id, Username=name, Password=PASSWORD, Permanent=True)
        user = pool.users[name] = User(pool, name, confirmed=True)
        return user

    @rule(target=sessions, user=users)
    def sign_in(self, user: User) -> Session:
        params = {"ClientId": user.pool.client_id, "AuthFlow": "USER_PASSWORD_AUTH",
                  "AuthParameters": {"USERNAME": user.username, "PASSWORD": PASSWORD}}
        if user.deleted or user.pool.deleted or not user.confirmed:
            try:
                self.idp.initiate_auth(**params)
            except OperationError as error:
                assert error.code in REFUSED | {"UserNotConfirmedException"}, error
                return Session(user, "", "", ended=True)
            raise AssertionError(f"{user.username} signed in though deleted or unconfirmed")
        result = self.idp.initiate_auth(**params)["AuthenticationResult"]
        session = Session(user, result["AccessToken"], result["RefreshToken"])
        self.all_sessions.append(session)
        return session

    @rule(session=sessions, nickname=st.text(alphabet="abcxyz", min_size=1, max_size=5))
    def change_attribute(self, session: Session, nickname: str) -> None:
        if not self._live(session):
            return
        self.idp.update_user_attributes(AccessToken=session.access,
                                        UserAttributes=[{"Name": "nickname", "Value": nickname}])
        session.user.nickname = nickname

    @rule(session=sessions)
    def global_sign_out(self, session: Session) -> None:
        if not self._live(session):
            return
        self.idp.global_sign_out(AccessToken=session.access)
        self._end_sessions_of(session.user)

    @rule(user=users)
    def admin_sign_out(self, user: User) -> None:
        if user.deleted or user.pool.deleted:
            return
        self.idp.admin_user_global_sign_out(UserPoolId=user.pool.id, Username=user.username)
        self._end_sessions_of(user)

    @rule(session=sessions)
    def delete_self(self, session: Session) -> None:
        if not self._live(session):
            return
        self.idp.delete_user(AccessToken=session.access)
        session.user.deleted = True
        self._end_sessions_of(session.user)

    @rule(user=users)
    def admin_delete(self, user: User) -> None:
        if user.deleted or user.pool.deleted:
            return
        self.idp.admin_delete_user(UserPoolId=user.pool.id, Username=user.username)
        user.deleted = True
        self._end_sessions_of(user)

    # --- invariants -------------------------------------------------------------------------
    @invariant()
    def tokens_work_exactly_while_the_session_lives(self) -> None:
        for session in self.all_sessions:
            if self._live(session):
                got = self.idp.get_user(AccessToken=session.access)
                assert got["Username"] == session.user.username
                nickname = {a["Name"]: a["Value"] for a in got["UserAttributes"]}.get("nickname")
                assert nickname == session.user.nickname
            else:
                try:
                    self.idp.get_user(AccessToken=session.access)
                except OperationError as error:
                    assert error.code in REFUSED, error
                else:
                    raise AssertionError(f"an ended session of {session.user.username} still works")
                try:
                    self.idp.initiate_auth(ClientId=session.user.pool.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                           AuthParameters={"REFRESH_TOKEN": session.refresh})
                except OperationError as error:
                    assert error.code in REFUSED, error
                else:
                    raise AssertionError(f"an ended session of {session.user.username} still refreshes")

    def _live(self, session: Session) -> bool:
        return not (session.ended or session.user.deleted or session.user.pool.deleted)

    def _end_sessions_of(self, user: User) -> None:
        for session in self.all_sessions:
            if session.user is user:
                session.ended = True

    def teardown(self) -> None:
        self.all_sessions.clear()


UsersAndPools.TestCase.settings = settings(
    max_examples=25, stateful_step_count=25, deadline=None, database=None,
    suppress_health_check=list(HealthCheck))
TestUsersAndPools = UsersAndPools.TestCase

