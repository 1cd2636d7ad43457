"""Drives the demo's catalog API (API 3) with python-requests, as a customer's script would.

Usage: python3 catalog_requests.py HTTP_BASE HTTPS_BASE
Exits non-zero (an AssertionError) on the first answer that differs from the spec.
"""
import sys

import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

http_base, https_base = sys.argv[1], sys.argv[2]
s = requests.Session()
s.verify = False  # the demo's certificate is self-signed and generated at start-up
s.trust_env = False  # else REQUESTS_CA_BUNDLE (and proxies) from the environment override verify
checks = 0


def check(condition, what):
    global checks
    assert condition, what
    checks += 1


# public: no credentials, plain HTTP is fine
r = s.get(http_base + "/search/shoe", params={"key": "key_demo_index"})
check(r.status_code == 200 and r.json()["response"]["total_num_results"] == 3, "search: %s" % r.text)

# Basic with the account's API token and an empty password (requests' auth tuple)
r = s.get(https_base + "/v2/items", params={"key": "key_demo_index"}, auth=("demo_api_token", ""))
check(r.status_code == 200 and r.json()["total_count"] >= 1, "basic items: %s" % r.text)
r = s.get(https_base + "/v2/items", params={"key": "key_demo_index"}, auth=("demo_api_token", "x"))
check(r.status_code == 401, "non-empty password: %d" % r.status_code)
r = s.get(https_base + "/v2/items", params={"key": "key_other_index"}, auth=("demo_api_token", ""))
check(r.status_code == 403, "other account's key: %d" % r.status_code)

# plain HTTP to a private endpoint
r = s.get(http_base + "/v2/items", params={"key": "key_demo_index"}, auth=("demo_api_token", ""))
check(r.status_code == 403 and "HTTPS" in r.json()["message"], "https required: %s" % r.text)

# token management
r = s.post(https_base + "/v1/tokens", auth=("demo_api_token", ""), json={
    "name": "python facets reader",
    "permissions": [{"scope": "facets", "operation": "r", "resources": ["key_demo_index"]}],
    "expires_in": 600,
})
check(r.status_code == 201, "create: %d %s" % (r.status_code, r.text))
created = r.json()
token, token_id = created["token"], created["id"]
check(created["permissions"][0]["operation"] == "r" and created["expires_at"], "created body: %s" % created)

bearer = {"Authorization": "Bearer " + token}
r = s.get(https_base + "/v1/facets", params={"key": "key_demo_index"}, headers=bearer)
check(r.status_code == 200 and r.json()["facets"], "bearer facets: %s" % r.text)
r = s.put(https_base + "/v1/facets/size", params={"key": "key_demo_index"}, headers=bearer,
          json={"display_name": "Size"})
check(r.status_code == 403 and 'error="insufficient_scope"' in r.headers.get("WWW-Authenticate", ""),
      "facets(w) refused: %d %s" % (r.status_code, r.headers))
r = s.get(https_base + "/v1/facets", params={"key": "key_demo_index"}, auth=(token, ""))
check(r.status_code == 200, "scoped token as Basic: %d" % r.status_code)

r = s.get(https_base + "/v1/tokens", auth=("demo_api_token", ""))
check(r.status_code == 200 and token_id in r.text and token not in r.text, "list hides secret")

r = s.post(https_base + "/v1/tokens", auth=("demo_api_token", ""), data="{not json",
           headers={"Content-Type": "application/json"})
check(r.status_code == 400 and r.json()["error"] == "invalid_request", "bad json: %s" % r.text)

r = s.delete(https_base + "/v1/tokens/" + token_id, auth=("demo_api_token", ""))
check(r.status_code == 204, "revoke: %d" % r.status_code)
r = s.get(https_base + "/v1/facets", params={"key": "key_demo_index"}, headers=bearer)
check(r.status_code == 401 and 'error="invalid_token"' in ",".join(r.headers.get("WWW-Authenticate", "").split("\n")),
      "revoked: %d %s" % (r.status_code, r.headers))

print("OK %d checks" % checks)
