"""The pieces of the gate, without a server: session tokens, request checks, rate limits, keys."""
from __future__ import annotations

import json

import pytest

from bot import keys
from bot.channels import checks, sessions
from bot.channels.limits import RateLimiter


@pytest.fixture(autouse=True)
def fresh_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFLECT_SECRET_KEY", "key-one")


def test_a_session_token_names_its_own_sender_only():
    session = sessions.new_session()
    assert sessions.sender_from(session.token) == session.sender
    other = sessions.new_session()
    assert other.sender != session.sender
    forged = session.token.replace(session.sender, other.sender)
    assert sessions.sender_from(forged) is None


@pytest.mark.parametrize("token", [None, "", "v1", "v1..", "v2.s-abc.sig", "v1.alice.sig", "x" * 300])
def test_malformed_tokens_name_nobody(token):
    assert sessions.sender_from(token) is None


def test_tokens_survive_a_key_rotation_and_die_with_the_old_key(monkeypatch):
    session = sessions.new_session()
    monkeypatch.setenv("REFLECT_SECRET_KEY", "key-two,key-one")
    assert sessions.sender_from(session.token) == session.sender
    assert sessions.token_for(session.sender) != session.token  # new tokens use the newest key
    monkeypatch.setenv("REFLECT_SECRET_KEY", "key-two")
    assert sessions.sender_from(session.token) is None


def test_each_purpose_has_its_own_key():
    assert keys.derive("session", "k") != keys.derive("action-server", "k")
    assert keys.action_secret() in keys.accepted_action_secrets()


@pytest.mark.parametrize(
    "sender, fragment",
    [
        (None, "missing"),
        ("", "missing"),
        ("   ", "empty"),
        (42, "string"),
        (["a"], "string"),
        ("x\udc00", "surrogate"),
        ("x\x00", "control"),
        ("a\nb", "control"),
        ("a\u200bb", "control"),
        ("a" * 129, "128"),
    ],
)
def test_senders_that_no_store_can_keep_are_refused(sender, fragment):
    refusal = checks.check_sender(sender)
    assert isinstance(refusal, checks.Refusal) and refusal.status == 400
    assert fragment in refusal.reason


@pytest.mark.parametrize("sender", ["alice", "a" * 128, "Zoë-😀", "s-AbC_123"])
def test_ordinary_senders_pass(sender):
    assert checks.check_sender(sender) == sender


@pytest.mark.parametrize(
    "raw, status",
    [(b"", 400), (b"  ", 400), (b"{", 400), (b"\xff\xfe", 400), (b"[" * 100_000, 400)],
)
def test_bodies_that_are_not_json_are_refused(raw, status):
    refusal = checks.parse_json(raw)
    assert isinstance(refusal, checks.Refusal) and refusal.status == status


@pytest.mark.parametrize(
    "body, status",
    [
        (None, 400),
        ([], 400),
        ("hi", 400),
        ({"sender": "a"}, 400),
        ({"sender": "a", "message": 5}, 400),
        ({"sender": "a", "message": ["hi"]}, 400),
        ({"sender": "a", "message": {"text": "hi"}}, 400),
        ({"sender": "a", "message": "hi", "metadata": "x"}, 400),
        ({"sender": "a", "message": "x" * 101}, 413),
    ],
)
def test_malformed_messages_are_refused_with_a_reason(body, status):
    refusal = checks.check_message(body, max_chars=100)
    assert isinstance(refusal, checks.Refusal) and refusal.status == status
    assert refusal.reason.endswith((".", "?"))


def test_a_long_entry_within_the_limit_passes_and_the_too_long_one_is_explained():
    entry = "word " * 4000
    assert isinstance(checks.check_message({"sender": "a", "message": entry}, 20_000), checks.Message)
    refusal = checks.check_message({"sender": "a", "message": entry + "x" * 1000}, 20_000)
    assert refusal.status == 413 and "21,000" in refusal.reason and "shorter parts" in refusal.reason


def test_message_text_is_cleaned_for_every_store():
    message = checks.check_message(json.loads('{"sender": "a", "message": "he\\u0000llo\\udc00\\n\\tbye 😀"}'), 100)
    assert message.text == "hello\ufffd\n\tbye 😀"
    message.text.encode("utf-8")  # storable


def test_a_session_body_needs_no_sender_and_ignores_one_given():
    message = checks.check_message({"sender": "alice", "message": "hi"}, 100, sender_required=False)
    assert message.sender is None


@pytest.mark.parametrize("text, blank", [("", True), ("  \n\t", True), ("\u200b", True), ("ok", False), ("😀", False)])
def test_blank_messages_are_recognised(text, blank):
    assert checks.is_blank(text) is blank


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_limit_allows_a_burst_then_refills():
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.allow("s") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("other")  # keys are separate
    assert limiter.retry_after("s") >= 1
    clock.now += 1.0
    assert limiter.allow("s") and not limiter.allow("s")


def test_the_rate_limit_map_stays_bounded(monkeypatch):
    from bot.channels import limits

    monkeypatch.setattr(limits, "MAX_KEYS", 100)
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    for number in range(1000):
        clock.now += 0.001
        limiter.allow(f"key-{number}")
    assert len(limiter._buckets) <= 100


@pytest.mark.parametrize(
    "peer, forwarded, expected",
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # nginx on this machine forwards the client
        ("127.0.0.1", "10.0.0.1, 203.0.113.9", "203.0.113.9"),  # the address nginx itself saw
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # a remote client cannot choose its address
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_rate_limits_count_the_real_client_behind_a_local_proxy(peer, forwarded, expected):
    from types import SimpleNamespace

    from bot.channels.web import _address

    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    assert _address(SimpleNamespace(ip=peer, headers=headers)) == expected


@pytest.mark.parametrize(
    "bind, reach",
    [("127.0.0.1", "127.0.0.1"), ("", "127.0.0.1"), ("0.0.0.0", "127.0.0.1"), ("::", "[::1]"),
     ("::1", "[::1]"), ("192.0.2.7", "192.0.2.7"), ("reflect.internal", "reflect.internal")],
)
def test_servers_are_reached_on_loopback_when_they_listen_everywhere(bind, reach):
    from bot.runtime.servers import connect_host

    assert connect_host(bind) == reach
