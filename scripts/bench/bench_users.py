"""Bench citizens in the local Keycloak: created through its admin API, with real tokens.

    python3 bench_users.py <count>      creates bench-1..bench-<count> and prints one access token per line

As a module: create(count), login(names) for access and refresh tokens, refresh(tokens) to renew them cheaply
(a password grant hashes the password, a refresh grant does not: 1,000 logins cost Keycloak about 90 s of CPU here).
"""
import json
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import local_platform  # noqa: E402
from local_platform import CLI_CLIENT, KEYCLOAK, REALM, TOKEN_URL, post_form  # noqa: E402


def create(count):
    """Imports bench-1..bench-<count> (role citizen, password = user name) in one partial import; returns the names."""
    admin = post_form(f"{KEYCLOAK}/realms/master/protocol/openid-connect/token",
                      {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
    names = [f"bench-{i}" for i in range(1, count + 1)]
    users = [{"username": n, "enabled": True, "emailVerified": True, "email": f"{n}@bench.coprogram.invalid",
              "firstName": "Bench", "lastName": n, "realmRoles": ["citizen"],
              "credentials": [{"type": "password", "value": n, "temporary": False}]} for n in names]
    request = urllib.request.Request(f"{KEYCLOAK}/admin/realms/{REALM}/partialImport",
                                     json.dumps({"users": users, "ifResourceExists": "SKIP"}).encode(),
                                     {"Content-Type": "application/json",
                                      "Authorization": "Bearer " + admin["access_token"]})
    urllib.request.urlopen(request, timeout=300).read()
    return names


def login(names):
    """A token response (access_token, refresh_token) per name, by password grant, 8 at a time."""
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(local_platform.login, names))


def refresh(tokens):
    """Fresh token responses for earlier ones, by refresh grant."""
    def one(token):
        return post_form(TOKEN_URL, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"],
                                     **CLI_CLIENT})
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, tokens))


if __name__ == "__main__":
    for response in login(create(int(sys.argv[1]))):
        print(response["access_token"])
