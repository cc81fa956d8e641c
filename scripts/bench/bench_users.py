"""Bench citizens in the local Keycloak: created through its admin API, with real tokens.

    python3 bench_users.py <count>      creates bench-1..bench-<count> and prints one access token per line

As a module: create(count), login(names) for access and refresh tokens, refresh(tokens) to renew them cheaply
(a password grant hashes the password, a refresh grant does not: 1,000 logins cost Keycloak about 90 s of CPU here).
"""
import json
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

KEYCLOAK = "http://127.0.0.1:8180"
TOKEN_URL = f"{KEYCLOAK}/realms/coprogram/protocol/openid-connect/token"
CLIENT = {"client_id": "coprogram-cli", "client_secret": "coprogram-demo-secret"}


def post(url, data, headers=None, form=True):
    body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
    kind = "application/x-www-form-urlencoded" if form else "application/json"
    request = urllib.request.Request(url, body, {"Content-Type": kind, **(headers or {})})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read() or b"{}")


def create(count):
    """Imports bench-1..bench-<count> (role citizen, password = user name) in one partial import; returns the names."""
    admin = post(f"{KEYCLOAK}/realms/master/protocol/openid-connect/token",
                 {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
    names = [f"bench-{i}" for i in range(1, count + 1)]
    users = [{"username": n, "enabled": True, "emailVerified": True, "email": f"{n}@bench.coprogram.invalid",
              "firstName": "Bench", "lastName": n, "realmRoles": ["citizen"],
              "credentials": [{"type": "password", "value": n, "temporary": False}]} for n in names]
    post(f"{KEYCLOAK}/admin/realms/coprogram/partialImport", {"users": users, "ifResourceExists": "SKIP"},
         {"Authorization": "Bearer " + admin["access_token"]}, form=False)
    return names


def login(names):
    """A token response (access_token, refresh_token) per name, by password grant, 8 at a time."""
    def one(name):
        return post(TOKEN_URL, {"grant_type": "password", "username": name, "password": name, **CLIENT})
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, names))


def refresh(tokens):
    """Fresh token responses for earlier ones, by refresh grant."""
    def one(token):
        return post(TOKEN_URL, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"], **CLIENT})
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, tokens))


if __name__ == "__main__":
    for response in login(create(int(sys.argv[1]))):
        print(response["access_token"])
