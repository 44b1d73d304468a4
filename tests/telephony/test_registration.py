"""Registration against a real kamailio with digest auth, and a SIPp registrar that
answers with scripted failures."""

from __future__ import annotations

import asyncio
import time

import pytest

from agent_desktop.telephony import RegistrationState, SipSettings, Transport
from agent_desktop.telephony.secrets import load_sip_password, store_sip_password

from .peers import HOST, Sipp, free_port, wait_for


async def wait_state(phone, state: RegistrationState, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while phone.registration.state is not state:
        assert time.monotonic() < deadline, f"still {phone.registration}"
        await asyncio.sleep(0.02)
    return phone.registration


async def test_register_and_unregister(kamailio, make_softphone):
    events = []
    phone = await make_softphone(kamailio.domain, start=False)
    phone.subscribe(events.append)
    t0 = time.monotonic()
    await phone.start()
    reg = await wait_state(phone, RegistrationState.REGISTERED, 5)
    assert time.monotonic() - t0 < 2
    assert reg.aor == f"sip:operator1@{kamailio.domain}"
    assert [e.registration.state for e in events][-2:] == [
        RegistrationState.REGISTERING, RegistrationState.REGISTERED]
    await phone.unregister()
    assert phone.registration.state is RegistrationState.UNREGISTERED


async def test_wrong_password_fails_fast_with_401(kamailio, make_softphone):
    phone = await make_softphone(kamailio.domain, password="not-the-password", start=False)
    t0 = time.monotonic()
    await phone.start()
    reg = await wait_state(phone, RegistrationState.FAILED, 5)
    assert time.monotonic() - t0 < 1.5, "a wrong password must fail at once"
    assert reg.status == 401 and reg.auth_failed
    # not retried with the same wrong credentials
    n = kamailio.log_text().count("REQ REGISTER")
    await asyncio.sleep(1.0)
    assert kamailio.log_text().count("REQ REGISTER") == n
    # a corrected password registers
    await phone.reconfigure(password="op1secret")
    await wait_state(phone, RegistrationState.REGISTERED, 5)


async def test_unknown_user_fails_fast_with_403(kamailio, make_softphone):
    phone = await make_softphone(kamailio.domain, user="nobody", password="x", start=False)
    t0 = time.monotonic()
    await phone.start()
    reg = await wait_state(phone, RegistrationState.FAILED, 5)
    assert time.monotonic() - t0 < 1.5
    assert reg.status == 403 and reg.auth_failed


async def test_unreachable_registrar_fails_within_timeout_and_retries(kamailio, make_softphone):
    dead = f"{HOST}:{free_port(1)}"  # nothing listens there
    phone = await make_softphone(dead, start=False, register_timeout_s=1.5,
                                 reregister_interval_s=0.5)
    t0 = time.monotonic()
    await phone.start()
    reg = await wait_state(phone, RegistrationState.FAILED, 5)
    elapsed = time.monotonic() - t0
    assert 1.0 < elapsed < 3.0, f"failed after {elapsed:.1f} s, not a 32-second hang"
    assert not reg.auth_failed and "no answer" in reg.reason
    # it keeps trying by itself
    await wait_state(phone, RegistrationState.REGISTERING, 3)


async def test_reregisters_after_registrar_restart(kamailio, make_softphone):
    phone = await make_softphone(kamailio.domain, keepalive_s=0.5, register_timeout_s=1.0,
                                 reregister_interval_s=0.3)
    await wait_state(phone, RegistrationState.REGISTERED, 5)
    await asyncio.to_thread(kamailio.stop)
    try:
        reg = await wait_state(phone, RegistrationState.FAILED, 5)
        assert not reg.auth_failed
    finally:
        await asyncio.to_thread(kamailio.start)
    t0 = time.monotonic()
    await wait_state(phone, RegistrationState.REGISTERED, 6)
    assert time.monotonic() - t0 < 4
    # the fresh registrar really knows us again (its location table was empty)
    assert "REQ REGISTER" in kamailio.log_text()


async def test_register_over_tcp(kamailio, make_softphone):
    phone = await make_softphone(kamailio.domain, transport=Transport.TCP)
    await wait_state(phone, RegistrationState.REGISTERED, 5)
    assert "REQ REGISTER sip:" in kamailio.log_text()
    assert any("REQ REGISTER" in line and "proto=tcp" in line
               for line in kamailio.log_text().splitlines())


async def test_password_from_keyring(kamailio, make_softphone, memory_keyring):
    settings = SipSettings(registrar=kamailio.domain, user="operator1")
    store_sip_password(settings, "op1secret")
    assert load_sip_password(settings) == "op1secret"
    assert ("agent-desktop-sip", f"operator1@{kamailio.domain}") in memory_keyring.store
    phone = await make_softphone(kamailio.domain, password=None)
    await wait_state(phone, RegistrationState.REGISTERED, 5)


async def test_unconfigured_softphone_says_so(make_softphone):
    phone = await make_softphone("", user="")
    assert phone.registration.state is RegistrationState.UNCONFIGURED


SIPP_REGISTRAR_401_403 = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="registrar: challenge, then refuse the credentials">
  <recv request="REGISTER"/>
  <send>
    <![CDATA[
      SIP/2.0 401 Unauthorized
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      WWW-Authenticate: Digest realm="127.0.0.1", nonce="47ebe028cda119c35d4877b383027d28da013815"
      Content-Length: 0
    ]]>
  </send>
  <recv request="REGISTER">
    <action>
      <ereg regexp="Authorization: Digest" search_in="msg" check_it="true" assign_to="auth"/>
    </action>
  </recv>
  <send>
    <![CDATA[
      SIP/2.0 403 Forbidden
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>
  <Reference variables="auth"/>
</scenario>
"""


async def test_sipp_registrar_refusing_credentials(tmp_path, make_softphone):
    """SIPp plays a registrar that challenges, then answers 403 to our credentials."""
    sipp = Sipp(tmp_path, SIPP_REGISTRAR_401_403, "", name="registrar")
    sipp.args = [a for a in sipp.args if a not in ("", "-s", "operator1")]
    sipp.start()
    try:
        await asyncio.to_thread(wait_for, lambda: _udp_bound(sipp.port), 5, 0.05, "sipp")
        phone = await make_softphone(f"{HOST}:{sipp.port}", start=False)
        t0 = time.monotonic()
        await phone.start()
        reg = await wait_state(phone, RegistrationState.FAILED, 5)
        assert time.monotonic() - t0 < 1.5
        assert reg.status == 403 and reg.auth_failed
        rc = await asyncio.to_thread(sipp.wait, 10)
        assert rc == 0, sipp.log_text()[-2000:]
        assert "Authorization: Digest" in sipp.messages()
    finally:
        sipp.stop()


def _udp_bound(port: int) -> bool:
    from .peers import udp_port_bound

    return udp_port_bound(port)


@pytest.mark.parametrize("status_line", ["SIP/2.0 403 Forbidden"])
def test_registration_info_auth_failed_flags(status_line):
    from agent_desktop.telephony import RegistrationInfo

    info = RegistrationInfo(RegistrationState.FAILED, 403, "Forbidden")
    assert info.auth_failed
    assert not RegistrationInfo(RegistrationState.FAILED, 408, "timeout").auth_failed
