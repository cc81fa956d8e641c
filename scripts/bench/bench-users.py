"""Creates bench users (role citizen, password = user name) in the local Keycloak and prints one access token per line.

    python3 bench-users.py <count>

Users are imported in one partial import (existing ones skipped); tokens are fetched 8 at a time.
"""
import json
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

KEYCLOAK = "http://127.0.0.1:8180"
count = int(sys.argv[1])


def post(url, data, headers=None, form=True):
    body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
    kind = "application/x-www-form-urlencoded" if form else "application/json"
    request = urllib.request.Request(url, body, {"Content-Type": kind, **(headers or {})})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read() or b"{}")


admin = post(f"{KEYCLOAK}/realms/master/protocol/openid-connect/token",
             {"grant_type": "password", "client_id": "admin-cli", "username": "admin", "password": "admin"})
names = [f"bench-{i}" for i in range(1, count + 1)]
users = [{"username": n, "enabled": True, "emailVerified": True, "email": f"{n}@bench.coprogram.invalid",
          "firstName": "Bench", "lastName": n, "realmRoles": ["citizen"],
          "credentials": [{"type": "password", "value": n, "temporary": False}]} for n in names]
post(f"{KEYCLOAK}/admin/realms/coprogram/partialImport", {"users": users, "ifResourceExists": "SKIP"},
     {"Authorization": "Bearer " + admin["access_token"]}, form=False)


def token(name):
    return post(f"{KEYCLOAK}/realms/coprogram/protocol/openid-connect/token",
                {"grant_type": "password", "client_id": "coprogram-cli", "client_secret": "coprogram-demo-secret",
                 "username": name, "password": name})["access_token"]


with ThreadPoolExecutor(8) as pool:
    for t in pool.map(token, names):
        print(t)
