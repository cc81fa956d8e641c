#!/usr/bin/env python3
"""The tests' realm: the demo realm of infra/keycloak/realm-coprogram.json under another name, so that the users and
clients tests make never appear in the realm ./coprogram up shows (docs/architecture.md, "Tests never change the
demo"). It is generated from that file, never a second copy kept by hand; only the name changes, the clients'
addresses of the demo's gateway (port FROM_PORT) become those of the test platform's (TO_PORT), and passwords are
hashed cheaply (test users only).

  scripts/test-realm.py KEYCLOAK_URL REALM FROM_PORT TO_PORT

Creates the realm through the running Keycloak's admin API (its local admin, admin/admin) when it is missing or was
made from another version of the file; otherwise leaves it, and the test users in it, alone.
"""
import hashlib
import json
import pathlib
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "infra/keycloak/realm-coprogram.json"
# Marks which version of the source the realm was made from.
STAMP = "coprogramTestRealmSource"


def generated(name, from_port, to_port):
    realm = json.loads(SOURCE.read_text(encoding="utf-8"))
    realm["realm"] = name
    realm.pop("id", None)
    local = re.compile(r"(//(?:127\.0\.0\.1|localhost)):" + re.escape(from_port) + r"\b")
    move = lambda value: local.sub(r"\g<1>:" + to_port, value)
    for client in realm.get("clients", []):
        for key in ("redirectUris", "webOrigins"):
            if key in client:
                client[key] = [move(uri) for uri in client[key]]
        for key in ("rootUrl", "baseUrl", "adminUrl"):
            if key in client:
                client[key] = move(client[key])
        attributes = client.get("attributes", {})
        if "post.logout.redirect.uris" in attributes:
            attributes["post.logout.redirect.uris"] = move(attributes["post.logout.redirect.uris"])
    # Test users' passwords are their names: a cheap hash (one PBKDF2 round instead of Keycloak's default Argon2) makes
    # each password grant and each imported user cost milliseconds instead of about a second of Keycloak's CPU on a
    # 2-core machine, where the concurrency tests log in hundreds of users (docs/performance.md, "Test suite time").
    # The demo's realm keeps Keycloak's default.
    realm["passwordPolicy"] = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"
    # With brute-force protection on, Keycloak refuses a user's concurrent logins, right password included ("Invalid
    # user credentials"; keycloak/keycloak#33527): the e2e classes and browser specs that run side by side log in the
    # same fixture users ("regione", "cittadino") at the same moment. No test exercises the protection; the demo's
    # realm and k8s keep it.
    realm["bruteForceProtected"] = False
    stamp = hashlib.sha256(json.dumps(realm, sort_keys=True).encode("utf-8")).hexdigest()
    realm.setdefault("attributes", {})[STAMP] = stamp
    return realm, stamp


def call(method, url, token=None, body=None, form=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode("utf-8")
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(form).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            text = response.read().decode("utf-8")
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        return e.code, None


def main(keycloak, name, from_port, to_port):
    realm, stamp = generated(name, from_port, to_port)
    status, answer = call("POST", keycloak + "/realms/master/protocol/openid-connect/token",
                          form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                                "password": "admin"})
    if status != 200:
        sys.exit(f"Keycloak's admin login failed ({status})")
    token = answer["access_token"]
    admin = keycloak + "/admin/realms/" + name
    status, existing = call("GET", admin, token)
    if status == 200 and (existing.get("attributes") or {}).get(STAMP) == stamp:
        return
    if status == 200:
        print(f"realm {name} was made from another version of {SOURCE.name}: making it again", file=sys.stderr)
        status, _ = call("DELETE", admin, token)
        if status != 204:
            sys.exit(f"could not delete realm {name} ({status})")
    status, _ = call("POST", keycloak + "/admin/realms", token, realm)
    if status != 201:
        sys.exit(f"could not create realm {name} ({status})")
    print(f"created realm {name} from {SOURCE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
