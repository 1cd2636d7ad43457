"""Runs the email-lists OAuth 1.0a three-legged flow the way a new user would, with
requests-oauthlib, including logging in on the authorize page with plain requests.

Usage: python3 oauth_flow.py BASE_URL   (for example http://127.0.0.1:8080)
Prints one line per step; exits non-zero on the first thing that does not work.
"""
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests
from oauthlib.oauth1 import SIGNATURE_HMAC_SHA256
from requests_oauthlib import OAuth1Session


class FormParser(HTMLParser):
    """Collects the page's form action, its hidden inputs and the text of elements by id."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.hidden = {}
        self.ids = {}
        self._current_id = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action")
        if tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"]] = a.get("value", "")
        self._current_id = a.get("id")

    def handle_data(self, data):
        if self._current_id:
            self.ids[self._current_id] = self.ids.get(self._current_id, "") + data

    def handle_endtag(self, tag):
        self._current_id = None


def parse(html):
    p = FormParser()
    p.feed(html)
    return p


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def login(browser, page_url, username, password):
    page = browser.get(page_url)
    if page.status_code != 200:
        fail("authorize page answered %d" % page.status_code)
    form = parse(page.text)
    if not form.action or "csrf_token" not in form.hidden:
        fail("authorize page has no form with a CSRF token")
    data = dict(form.hidden, username=username, password=password, decision="approve")
    return browser.post(urljoin(page_url, form.action), data=data, allow_redirects=False)


def main(base):
    key, secret = "demo_consumer_key", "demo_consumer_secret"
    campaigns = base + "/1.0/accounts/1/lists/500000000/campaigns"

    oauth = OAuth1Session(key, client_secret=secret, callback_uri="http://localhost:8000/callback")
    tokens = oauth.fetch_request_token(base + "/1.0/oauth/request_token")
    print("request token ok")

    browser = requests.Session()
    page_url = oauth.authorization_url(base + "/1.0/oauth/authorize")
    wrong = login(browser, page_url, "demo_user", "not-the-password")
    if wrong.status_code != 200 or 'id="error"' not in wrong.text:
        fail("bad credentials did not show the form again")
    print("bad credentials refused")
    approved = login(browser, page_url, "demo_user", "demo_password")
    if approved.status_code != 302:
        fail("login answered %d" % approved.status_code)
    oauth.parse_authorization_response(approved.headers["Location"])
    print("approved, verifier received")

    access = oauth.fetch_access_token(base + "/1.0/oauth/access_token")
    print("access token ok")

    r = oauth.get(campaigns, params={"q": "Grüße & ☃"})
    if r.status_code != 200:
        fail("campaigns answered %d: %s" % (r.status_code, r.text))
    body = r.json()
    if body.get("total_size") != 0 or body.get("entries") != [] or \
            not body.get("resource_type_link", "").endswith("#campaign-page-resource"):
        fail("unexpected campaigns body " + r.text)
    print("campaigns " + r.text)

    sha256 = OAuth1Session(key, client_secret=secret, resource_owner_key=access["oauth_token"],
                           resource_owner_secret=access["oauth_token_secret"],
                           signature_method=SIGNATURE_HMAC_SHA256)
    if sha256.get(campaigns).status_code != 200:
        fail("HMAC-SHA256 call refused")
    print("HMAC-SHA256 ok")

    forbidden = oauth.get(base + "/1.0/accounts/2/lists/500000000/campaigns")
    if forbidden.status_code != 403:
        fail("another user's account answered %d" % forbidden.status_code)
    print("other account 403")

    again = OAuth1Session(key, client_secret=secret, resource_owner_key=tokens["oauth_token"],
                          resource_owner_secret=tokens["oauth_token_secret"], verifier="whatever")
    reuse = again.post(base + "/1.0/oauth/access_token")
    if reuse.status_code != 401 or "oauth_problem=" not in reuse.text:
        fail("a spent request token answered %d" % reuse.status_code)
    print("spent request token 401 " + reuse.text.split("&")[0])

    code_page = login(browser, base + "/1.0/oauth/authorize_app/bec40eec", "demo_user", "demo_password")
    code = parse(code_page.text).ids.get("authorization-code", "").strip()
    parts = code.split("|")
    if len(parts) != 5:
        fail("no authorization code on the public-app page")
    app = OAuth1Session(parts[0], client_secret=parts[1], resource_owner_key=parts[2],
                        resource_owner_secret=parts[3], verifier=parts[4])
    app.fetch_access_token(base + "/1.0/oauth/access_token")
    if app.get(campaigns).status_code != 200:
        fail("public-app token refused")
    print("public app ok")
    print("ALL OK")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
