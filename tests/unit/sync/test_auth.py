from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.sync.auth import AuthService, check_verifier, make_verifier
from clerk_app.sync.errors import InvalidCredentials, OfflineLoginUnavailable, SessionExpired


@settings(max_examples=10, deadline=None)
@given(st.text(min_size=8, max_size=30), st.text(min_size=1, max_size=30))
def test_verifier_accepts_only_its_password(password, other):
    verifier = make_verifier(password, n=2**4)
    assert check_verifier(password, verifier)
    assert check_verifier(other, verifier) == (other == password)
    assert password.encode().hex() not in verifier


def test_offline_login_needs_a_first_online_login(workstation, platform):
    auth = AuthService(workstation.db, platform, "m")
    platform.down = True
    with pytest.raises(OfflineLoginUnavailable):
        auth.login("clerk1", "secret")
    platform.down = False
    assert auth.login("clerk1", "secret").online
    platform.down = True
    result = auth.login("clerk1", "secret")
    assert result.account == "clerk1" and not result.online
    with pytest.raises(InvalidCredentials):
        auth.login("clerk1", "wrong")
    stored = workstation.db.query("SELECT verifier FROM clerk_credentials")[0][0]
    assert stored.startswith("scrypt$") and "secret" not in stored


def test_wrong_password_online_forgets_the_cached_hash(workstation, platform):
    auth = AuthService(workstation.db, platform, "m")
    auth.login("clerk1", "secret")
    platform.password = "changed-centrally"
    with pytest.raises(InvalidCredentials):
        auth.login("clerk1", "secret")
    platform.down = True
    with pytest.raises(OfflineLoginUnavailable):
        auth.login("clerk1", "secret")


def test_expired_token_refreshes_then_gives_up(workstation, platform):
    auth = AuthService(workstation.db, platform, "m")
    with pytest.raises(SessionExpired):
        auth.access_token()
    auth.login("clerk1", "secret")
    assert auth.access_token() == "access"
    auth.token_rejected()
    assert auth.access_token() == "access2"
    platform.refresh_ok = False
    with pytest.raises(SessionExpired):
        auth.token_rejected()
    with pytest.raises(SessionExpired):
        auth.access_token()


def test_training_logs_in_by_itself(workstation, platform):
    auth = AuthService(workstation.db, platform, "m", ("trainee", "secret"))
    assert auth.access_token() == "access"
    platform.refresh_ok = False
    auth.token_rejected()  # training: a fresh login instead of "expired"
    assert auth.access_token() == "access"


def test_offline_logins_lock_after_five_wrong_passwords_until_an_online_login(workstation, platform):
    from clerk_app.sync.errors import OfflineLoginLocked

    auth = AuthService(workstation.db, platform, "m")
    auth.login("clerk1", "secret")
    platform.down = True
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            auth.login("clerk1", "guess")
    with pytest.raises(OfflineLoginLocked):
        auth.login("clerk1", "secret")  # even the right password waits
    platform.down = False
    assert auth.login("clerk1", "secret").online  # the platform decides; the lock is lifted
    platform.down = True
    assert not auth.login("clerk1", "secret").online
