"""What the scripts share about the platform `./coprogram up` runs on this machine: where it answers, tokens for
the demo accounts, and SQL against the services' databases."""
import json
import os
import subprocess
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get("COPROGRAM_STATE", os.path.join(ROOT, ".coprogram"))
GATEWAY = os.environ.get("COPROGRAM_GATEWAY", "http://127.0.0.1:8080")
KEYCLOAK = os.environ.get("COPROGRAM_KEYCLOAK", "http://127.0.0.1:8180")
# COPROGRAM_REALM: another realm (a test platform's, e.g. coprogram-<name>), whose users and clients are the demo's.
REALM = os.environ.get("COPROGRAM_REALM", "coprogram")
TOKEN_URL = f"{KEYCLOAK}/realms/{REALM}/protocol/openid-connect/token"
# The confidential client scripts and tests log in through (demo secret, see the README).
CLI_CLIENT = {"client_id": "coprogram-cli", "client_secret": "coprogram-demo-secret"}


def post_form(url, data, timeout=300):
    body = urllib.parse.urlencode(data).encode()
    with urllib.request.urlopen(url, body, timeout=timeout) as response:
        return json.load(response)


def login(user):
    """The token response (access and refresh token) of a demo or bench account, whose password is its name."""
    return post_form(TOKEN_URL, {"grant_type": "password", "username": user, "password": user, **CLI_CLIENT}, 10)


def token(user):
    return login(user)["access_token"]


def psql(database, sql):
    """One value or rows as text; fails loudly, so a failed count never reads as zero."""
    return subprocess.run(["psql", "-qtAX", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()
