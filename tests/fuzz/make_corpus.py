#!/usr/bin/env python3
"""Writes the hand-made seed corpora of the text-input fuzz targets into tests/fuzz/corpus/<target>/.

Seeds are small valid and near-valid inputs: one good example of each shape the target understands, and the
mistakes next to it (a wrong type, a missing key, an impossible date, invalid UTF-8, broken framing). libFuzzer
mutates from them; they are also what the smoke run in script/test replays. Kept as a script so the seeds can be
read and changed here, not as opaque files (HTTP seeds need CRLF, some text seeds need invalid bytes).
Run from anywhere: python3 tests/fuzz/make_corpus.py. It rewrites only the seeds it names (seed-* files);
other files in the corpus folders (regression-* inputs saved from findings, merged seeds) are left alone.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, seeds):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.startswith("seed-"):
            os.remove(os.path.join(folder, name))
    for name, data in seeds.items():
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(folder, "seed-" + name), "wb") as f:
            f.write(data)


def j(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# [SECTION] dates_fuzz: one date per input; two lines are also checked as a pair.
write("dates_fuzz", {
    "iso": "2025-05-01",
    "iso-leap-day": "2024-02-29",
    "iso-not-leap": "2023-02-29",
    "iso-century-not-leap": "1900-02-29",
    "iso-400-leap": "2000-02-29",
    "iso-year-0": "0000-01-01",
    "iso-year-9999": "9999-12-31",
    "iso-month-13": "2025-13-01",
    "iso-day-0": "2025-05-00",
    "iso-day-32": "2025-01-32",
    "iso-short-parts": "2025-5-1",
    "iso-signed": "+025-05-01",
    "iso-slashes": "2025/05/01",
    "us-padded": "05/01/2025",
    "us-short": "5/1/2025",
    "us-mixed": "05/1/2025",
    "us-two-digit-year": "05/01/25",
    "us-month-13": "13/01/2025",
    "us-apr-31": "04/31/2025",
    "us-dashes": "05-01-2025",
    "spaces": "  2025-05-01\t",
    "newline-inside": "2025-05-01\r",
    "empty": "",
    "pair-ordered": "2025-05-01\n2025-06-15",
    "pair-same": "05/01/2025\n2025-05-01",
    "pair-across-leap": "02/28/2024\n2024-03-01",
    "pair-extremes": "0000-01-01\n9999-12-31",
})

# [SECTION] text_fuzz: UTF-8, fold, trim, enum wire names.
write("text_fuzz", {
    "vietnamese-precomposed": "Maria José Nguyễn",
    "vietnamese-decomposed": "Nguye\u0302\u0303n",
    "ligatures": "Æsa Straße ĳssel Œuvre",
    "apostrophes": "O’Brien D'Angelo",
    "hyphen": "Anne-Marie",
    "latin-extended-b": "ǅemal Ǆ ǈ",
    "stroke-letters": "Łukasz Đặng Øyvind",
    "cjk": "李小龍",
    "greek-upper": "ΣΩΚΡΑΤΗΣ",
    "arabic": "محمد",
    "emoji": "Ann 😀",
    "nbsp": "Ann\u00a0Lee",
    "controls": "a\x00b\x07c\x1b",
    "whitespace": " \t\n\v\f\r ",
    "bom": "\ufeffAnn",
    "fffd": "\ufffd",
    "max-code-point": "\U0010ffff",
    "invalid-truncated": b"Ann\xc3",
    "invalid-lone-continuation": b"\x80abc",
    "invalid-overlong": b"\xc0\x80",
    "invalid-overlong-3": b"\xe0\x80\xaf",
    "invalid-surrogate": b"\xed\xa0\x80",
    "invalid-above-max": b"\xf4\x90\x80\x80",
    "invalid-ff": b"\xff\xfe",
    "invalid-5-byte": b"\xf8\x88\x80\x80\x80",
    "workgroup": "system_admin",
    "status": "acknowledged",
    "result": "services_provided",
    "project-type": "permanent_supportive_housing",
    "action": "return_to_referrer",
    "label-not-wire": "Pending",
    "padded-wire": " pending",
})

# [SECTION] JSON bodies: requests.
referral = {"id": 7, "client_id": 3, "from_project_id": 1, "to_project_id": 2, "referral_date": "2025-05-01",
            "note": "", "status": "acknowledged", "date_acknowledged": "2025-05-03", "appointment_date": None,
            "result_date": None, "result": None, "comments": "", "return_reason": "", "cancel_reason": "",
            "created_by_user_id": 2, "version": 4, "from_project_name": "Riverside ES",
            "to_project_name": "Northstar RRH", "from_organization_id": 10, "to_organization_id": 20,
            "client_name": "Maria José Nguyễn"}
requests = {
    "acknowledge": {"date_acknowledged": "2025-05-03", "version": 1},
    "acknowledge-us-date": {"date_acknowledged": "5/3/2025", "version": 1},
    "acknowledge-before-referral": {"date_acknowledged": "2025-04-30", "version": 1, "referral": referral},
    "acknowledge-future": {"date_acknowledged": "2099-01-01", "version": 1},
    "acknowledge-version-string": {"date_acknowledged": "2025-05-03", "version": "1"},
    "acknowledge-version-float": {"date_acknowledged": "2025-05-03", "version": 1.5},
    "acknowledge-version-huge": '{"date_acknowledged":"2025-05-03","version":9223372036854775808}',
    "acknowledge-version-min": '{"date_acknowledged":"2025-05-03","version":-9223372036854775808}',
    "outcome": {"appointment_date": "2025-05-05", "result_date": "2025-05-06", "result": "services_provided",
                "comments": "Met at the shelter", "version": 2, "referral": referral},
    "outcome-padded-result": {"result_date": "2025-05-06", "result": " rejected ", "version": 2},
    "outcome-nulls": {"appointment_date": None, "result_date": None, "result": None, "comments": None, "version": 2},
    "outcome-result-without-date": {"result": "no_show", "version": 2},
    "outcome-bad-result": {"result_date": "2025-05-06", "result": "Rejected", "version": 2},
    "return": {"reason": "No vacancy this month", "version": 3},
    "return-blank": {"reason": "   ", "version": 3},
    "return-number": {"reason": 42, "version": 3},
    "reassign": {"project_id": 5, "version": 3, "referral": referral},
    "reassign-same": {"project_id": 2, "version": 3},
    "cancel": {"reason": "Client moved away", "version": 1},
    "reopen": {"reason": "Outcome recorded on the wrong client", "version": 9},
    "new-referral": {"client_id": 3, "from_project_id": 1, "to_project_id": 2, "referral_date": "2025-05-01",
                     "note": "Family of four"},
    "new-referral-same-project": {"client_id": 3, "from_project_id": 2, "to_project_id": 2,
                                  "referral_date": "2025-05-01"},
    "new-referral-bad-date": {"client_id": 3, "from_project_id": 1, "to_project_id": 2, "referral_date": "2025-02-30"},
    "new-client": {"first_name": "Maria José", "last_name": "Nguyễn", "date_of_birth": "1980-05-01",
                   "ssn_last4": "1234"},
    "new-client-us-dob": {"first_name": "Ann", "last_name": "O’Brien", "date_of_birth": "05/01/1980"},
    "new-client-digits": {"first_name": "R2", "last_name": "D2", "ssn_last4": "12a4"},
    "new-client-escapes": '{"first_name":"A\\u0000nn","last_name":"\\ud83d\\ude00","date_of_birth":"1899-12-31"}',
    "client-patch": {"first_name": "Ann", "last_name": "Lee", "date_of_birth": None, "ssn_last4": None, "version": 2},
    "new-enrollment": {"client_id": 3, "project_id": 2, "entry_date": "2025-05-10", "referral_id": 7,
                       "referral": referral},
    "new-enrollment-no-referral": {"client_id": 3, "project_id": 2, "entry_date": "2025-05-10", "referral_id": None},
    "sign-in": {"username": "demo-admin", "password": "waypoint-demo"},
    "sign-in-long-username": {"username": "u" * 80, "password": "x"},
    "context": {"organization_id": 20, "workgroup": "agency_admin"},
    "context-bad-workgroup": {"organization_id": 20, "workgroup": "root"},
    "new-user": {"username": "new.user", "password": "correct horse battery", "display_name": "New User",
                 "memberships": [{"organization_id": 2, "workgroup": "hmis_user"},
                                 {"organization_id": 2, "workgroup": "agency_admin"}]},
    "new-user-duplicate-membership": {"username": "new.user", "password": "correct horse battery",
                                      "display_name": "New User",
                                      "memberships": [{"organization_id": 2, "workgroup": "hmis_user"},
                                                      {"organization_id": 2, "workgroup": "hmis_user"}]},
    "new-user-memberships-not-list": {"username": "x", "password": "y", "display_name": "z", "memberships": {}},
    "new-user-membership-not-object": {"username": "x", "password": "y", "display_name": "z", "memberships": [3]},
    "password-change": {"current_password": "waypoint-demo", "new_password": "a much longer passphrase"},
    "password-reset": {"new_password": "            "},
    "empty-object": {},
    "array": [1, 2, 3],
    "string": "\"hello\"",
    "null": "null",
    "deep": "[" * 200 + "]" * 200,
    "truncated": '{"date_acknowledged":"2025-05-03","version":',
    "trailing-garbage": '{"reason":"x","version":1} x',
    "duplicate-key": '{"reason":"a","reason":"b","version":1}',
    "invalid-utf8": b'{"reason":"\xc3\x28","version":1}',
}
write("json_requests_fuzz", {name: v if isinstance(v, (str, bytes)) else j(v) for name, v in requests.items()})

# [SECTION] JSON bodies: entities (server replies as the client reads them).
organization = {"id": 2, "name": "Riverside Family Services", "version": 1}
project = {"id": 5, "organization_id": 2, "name": "Riverside - ES", "project_type": "emergency_shelter",
           "version": 1}
client = {"id": 1, "first_name": "Maria José", "last_name": "Nguyễn", "date_of_birth": "1980-05-01",
          "ssn_last4": "1234", "created_at": "2025-05-01T14:03:00Z", "version": 3}
enrollment = {"id": 4, "client_id": 1, "project_id": 5, "entry_date": "2025-05-10", "exit_date": None,
              "referral_id": 7, "household_id": "hh-1", "relationship_to_hoh": 1, "version": 1}
user = {"id": 2, "username": "demo-caseworker", "display_name": "Casey Worker", "active": True, "version": 1,
        "must_change_password": False, "locked": False, "last_sign_in_at": None}
membership = {"organization_id": 2, "organization_name": "Riverside Family Services", "workgroup": "hmis_user"}
audit = {"id": 10, "at": "2025-05-01T14:03:00Z", "user_id": 2, "user_name": "Casey Worker", "organization_id": 2,
         "workgroup": "hmis_user", "entity": "referral", "entity_id": 7, "action": "acknowledge",
         "before": referral, "after": dict(referral, status="resolved", result="rejected")}
health = {"status": "ok", "version": "0.1.0", "schema_version": 6}
entities = {
    "organization": organization,
    "project": project,
    "project-bad-type": dict(project, project_type="shelter"),
    "client": client,
    "client-null-dob": dict(client, date_of_birth=None, ssn_last4=None),
    "client-bad-dob": dict(client, date_of_birth="1980-02-30"),
    "referral": referral,
    "referral-resolved": dict(referral, status="resolved", result="services_provided", result_date="2025-05-06"),
    "referral-bad-status": dict(referral, status="Pending"),
    "referral-minimal": {k: referral[k] for k in ("id", "client_id", "from_project_id", "to_project_id",
                                                   "referral_date", "status", "version")},
    "enrollment": enrollment,
    "enrollment-relationship-huge": dict(enrollment, relationship_to_hoh=4294967296),
    "user": user,
    "user-older-server": {k: user[k] for k in ("id", "username", "display_name", "active", "version")},
    "user-active-string": dict(user, active="true"),
    "membership": membership,
    "audit-entry": audit,
    "audit-entry-created": dict(audit, before=None, action="create"),
    "audit-entry-big-number": '{"id":1,"at":"x","user_id":1,"organization_id":1,"workgroup":"system_admin",'
                              '"entity":"e","entity_id":1,"action":"a","after":1e400}',
    "health": health,
    "health-big-schema": dict(health, schema_version=2 ** 40),
    "list-referrals": [referral, dict(referral, id=8)],
    "list-one-bad": [client, dict(client, id="x"), client],
    "list-empty": [],
    "page": {"items": [referral], "total": 1, "page": 1, "page_size": 50},
    "error-reply": {"error": {"code": "validation", "message": "Check the highlighted fields.",
                              "fields": {"date_acknowledged": "Enter a real date"}}},
}
write("json_entities_fuzz", {name: v if isinstance(v, (str, bytes)) else j(v) for name, v in entities.items()})

# [SECTION] search_query_fuzz: line 1 the query, line 2 "first<TAB>last" to create first, line 3 "page,page_size".
write("search_query_fuzz", {
    "name": "maria",
    "folded": "nguyen",
    "accented": "Nguyễn",
    "decomposed": "Nguye\u0302\u0303n",
    "two-words": "maria nguyen",
    "comma": "nguyen, maria",
    "prefix": "ngu",
    "one-letter": "a",
    "id": "#1",
    "id-bare": "300",
    "id-too-long": "123456789012345",
    "id-hash-only": "#",
    "id-negative": "#-1",
    "dob-us": "05/01/1980",
    "dob-iso": "1980-05-01",
    "apostrophe": "o'brien",
    "hyphen": "anne-marie",
    "blank": "   ",
    "empty": "",
    "ten-words": "a b c d e f g h i j",
    "eleven-words": "a b c d e f g h i j k",
    "long": "n" * 201,
    "invalid-utf8": b"ngu\xc3",
    "percent": "100%_",
    "create-hyphenated": "marie\nAnne-Marie\tO'Brien",
    "create-vietnamese": "nguyen maria\nMaria José\tNguyễn\n1,10",
    "create-ligature": "aesir\nZoë\tÆsir",
    "create-cjk": "李\n小龍\t李",
    "create-typographic": "o’neil\nSeán\tO’Neil",
    "create-refused": "x\nR2\tD2",
    "deep-page": "a\n\n1000000,200",
    "second-page": "e\n\n2,5",
    "tiny-pages": "an\n\n3,1",
})

# [SECTION] http_request_fuzz: raw requests. @A@/@C@/@P@ are session tokens, @N@ the body's length.
HOST = "Host: 127.0.0.1:8080\r\n"


def req(method, path, token=None, body=None, headers=(), cookie=False, content_type="application/json"):
    lines = [f"{method} {path} HTTP/1.1\r\n", HOST]
    if token:
        lines.append(f"Cookie: waypoint_session={token}\r\n" if cookie else f"Authorization: Bearer {token}\r\n")
    for h in headers:
        lines.append(h + "\r\n")
    if body is not None:
        if content_type:
            lines.append(f"Content-Type: {content_type}\r\n")
        lines.append("Content-Length: @N@\r\n")
    lines.append("\r\n")
    if body is not None:
        lines.append(body if isinstance(body, str) else j(body))
    return "".join(lines)


http = {
    "health": req("GET", "/api/health"),
    "health-head": req("HEAD", "/api/health"),
    "openapi": req("GET", "/api/openapi.json"),
    "sign-in": req("POST", "/api/session", body={"username": "demo-provider", "password": "waypoint-demo"}),
    "sign-in-wrong": req("POST", "/api/session", body={"username": "demo-provider", "password": "nope"}),
    "session": req("GET", "/api/session", "@A@"),
    "session-cookie": req("GET", "/api/session", "@P@", cookie=True),
    "session-no-token": req("GET", "/api/session"),
    "session-bad-token": req("GET", "/api/session", "0123456789abcdef"),
    "sign-out": req("DELETE", "/api/session", "@C@"),
    "context": req("PUT", "/api/session/context", "@P@", {"organization_id": 3, "workgroup": "hmis_user"}),
    "password-change": req("POST", "/api/session/password", "@C@",
                           {"current_password": "wrong", "new_password": "a much longer passphrase"}),
    "users": req("GET", "/api/users", "@A@"),
    "users-forbidden": req("GET", "/api/users", "@C@"),
    "user-create": req("POST", "/api/users", "@A@",
                       {"username": "fuzz.user", "password": "tr0ub4dor&3 horse", "display_name": "Fuzz",
                        "memberships": [{"organization_id": 2, "workgroup": "hmis_user"}]}),
    "user-patch": req("PATCH", "/api/users/2", "@A@", {"display_name": "Casey W.", "version": 1}),
    "user-reset": req("POST", "/api/users/6/password", "@A@", {"new_password": "temporary passphrase 1"}),
    "organizations": req("GET", "/api/organizations", "@C@"),
    "projects": req("GET", "/api/projects?organization_id=3", "@C@"),
    "projects-bad-param": req("GET", "/api/projects?organization_id=-1", "@C@"),
    "clients-search": req("GET", "/api/clients?q=nguyen&page=1&page_size=20", "@C@"),
    "clients-search-encoded": req("GET", "/api/clients?q=Nguy%E1%BB%85n%2C+maria", "@C@"),
    "clients-search-bad-encoding": req("GET", "/api/clients?q=%C3%28&page=0", "@C@"),
    "clients-search-dob": req("GET", "/api/clients?q=05%2F01%2F1980", "@C@"),
    "client-create": req("POST", "/api/clients", "@C@", {"first_name": "Ann", "last_name": "Lee",
                                                          "date_of_birth": "1990-01-02"}),
    "client-create-invalid": req("POST", "/api/clients", "@C@", {"first_name": "R2", "last_name": ""}),
    "client-read": req("GET", "/api/clients/1", "@P@"),
    "client-read-missing": req("GET", "/api/clients/999999999999999999999", "@P@"),
    "client-patch": req("PATCH", "/api/clients/2", "@C@", {"first_name": "Ann", "last_name": "Lee",
                                                            "version": 1}),
    "client-referrals": req("GET", "/api/clients/1/referrals?page=1", "@P@"),
    "client-enrollments": req("GET", "/api/clients/1/enrollments", "@P@"),
    "enrollment-create": req("POST", "/api/enrollments", "@P@", {"client_id": 1, "project_id": 8,
                                                                  "entry_date": "2025-05-10", "referral_id": 1}),
    "referrals-incoming": req("GET", "/api/referrals?box=incoming&status=pending&sort=-referral_date", "@P@"),
    "referrals-outgoing": req("GET", "/api/referrals?box=outgoing&sort=client_name&page=2&page_size=10", "@C@"),
    "referrals-bad-sort": req("GET", "/api/referrals?box=all&sort=id;drop", "@A@"),
    "referral-create": req("POST", "/api/referrals", "@C@", {"client_id": 1, "from_project_id": 1,
                                                              "to_project_id": 8, "referral_date": "2025-05-01",
                                                              "note": "Family of four"}),
    "referral-read": req("GET", "/api/referrals/1", "@P@"),
    "referral-history": req("GET", "/api/referrals/1/history", "@A@"),
    "acknowledge": req("POST", "/api/referrals/2/acknowledge", "@P@", {"date_acknowledged": "2025-05-03",
                                                                         "version": 1}),
    "outcome": req("POST", "/api/referrals/3/outcome", "@P@", {"appointment_date": "2025-05-05",
                                                                "result_date": "2025-05-06",
                                                                "result": "services_provided", "comments": "ok",
                                                                "version": 2}),
    "return": req("POST", "/api/referrals/4/return", "@P@", {"reason": "No vacancy", "version": 1}),
    "reassign": req("POST", "/api/referrals/5/reassign", "@C@", {"project_id": 9, "version": 2}),
    "cancel": req("POST", "/api/referrals/6/cancel", "@C@", {"reason": "Moved away", "version": 1}),
    "reopen": req("POST", "/api/referrals/7/reopen", "@A@", {"reason": "Wrong client", "version": 3}),
    "idempotent": req("POST", "/api/referrals/2/acknowledge", "@P@", {"date_acknowledged": "2025-05-03",
                                                                        "version": 1},
                      headers=["Idempotency-Key: 4f1c2a"]),
    "body-not-object": req("POST", "/api/referrals/2/cancel", "@C@", "[1,2]"),
    "body-not-json": req("POST", "/api/referrals/2/cancel", "@C@", "{\"reason\":"),
    "body-text-plain": req("POST", "/api/clients", "@C@", {"first_name": "A", "last_name": "B"},
                           content_type="text/plain"),
    "cross-origin": req("POST", "/api/clients", "@C@", {"first_name": "A", "last_name": "B"},
                        headers=["Origin: https://evil.example"]),
    "same-origin": req("POST", "/api/clients", "@C@", {"first_name": "A", "last_name": "B"},
                       headers=["Origin: http://127.0.0.1:8080", "Sec-Fetch-Site: same-origin"]),
    "gzip-body": req("POST", "/api/clients", "@C@", "\x1f\x8b\x08\x00", headers=["Content-Encoding: gzip"]),
    "chunked": ("POST /api/referrals/6/cancel HTTP/1.1\r\n" + HOST + "Authorization: Bearer @C@\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                "10\r\n{\"reason\":\"dup\",\r\nc\r\n\"version\":1}\r\n0\r\n\r\n"),
    "chunked-bad-size": ("POST /api/clients HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
    "length-and-chunked": ("POST /api/clients HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                           "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
    "length-too-big": ("POST /api/clients HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                       "Content-Length: 10000000000\r\n\r\n{}"),
    "length-short": ("POST /api/session HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                     "Content-Length: 5\r\n\r\n{\"username\":\"a\"}"),
    "incomplete-headers": "GET /api/health HTTP/1.1\r\n" + HOST,
    "pipelined": req("GET", "/api/health") + req("GET", "/api/openapi.json"),
    "expect-continue": req("POST", "/api/clients", "@C@", {"first_name": "A", "last_name": "B"},
                           headers=["Expect: 100-continue"]),
    "no-host": "GET /api/health HTTP/1.1\r\n\r\n",
    "wrong-host": "GET /api/health HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    "host-ipv6": "GET /api/health HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
    "two-hosts": "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
    "http10": "GET /api/health HTTP/1.0\r\n\r\n",
    "absolute-uri": "GET http://127.0.0.1:8080/api/health HTTP/1.1\r\n" + HOST + "\r\n",
    "bad-method": "BREW /api/health HTTP/1.1\r\n" + HOST + "\r\n",
    "options": "OPTIONS /api/clients HTTP/1.1\r\n" + HOST + "Origin: http://127.0.0.1:8080\r\n\r\n",
    "api-unknown": req("GET", "/api/nothing/here", "@A@"),
    "api-unknown-delete": req("DELETE", "/api/referrals/1", "@A@"),
    "path-traversal": req("GET", "/../../etc/passwd"),
    "path-encoded": req("GET", "/%2e%2e/%2e%2e/etc/passwd"),
    "page": req("GET", "/", headers=["Accept-Encoding: gzip, br"]),
    "deep-link": req("GET", "/referrals/7"),
    "static-js": req("GET", "/app.js", headers=["Accept-Encoding: gzip"]),
    "static-wasm-gzip": req("GET", "/app.wasm", headers=["Accept-Encoding: gzip"]),
    "static-etag": req("GET", "/app.js", headers=['If-None-Match: "abc"']),
    "range": req("GET", "/app.wasm", headers=["Range: bytes=0-15"]),
    "range-many": req("GET", "/app.wasm", headers=["Range: bytes=0-1,2-3,4-5,6-7"]),
    "range-api": req("GET", "/api/health", headers=["Range: bytes=0-1"]),
    "header-no-colon": "GET /api/health HTTP/1.1\r\n" + HOST + "Broken header line\r\n\r\n",
    "header-folded": "GET /api/health HTTP/1.1\r\n" + HOST + "X-A: 1\r\n  continued\r\n\r\n",
    "bare-lf": "GET /api/health HTTP/1.1\n" + HOST.replace("\r\n", "\n") + "\n",
    "nul-in-path": "GET /api/he\x00alth HTTP/1.1\r\n" + HOST + "\r\n",
    "invalid-utf8-path": b"GET /api/clients/\xc3\x28 HTTP/1.1\r\n" + HOST.encode() + b"\r\n",
}
write("http_request_fuzz", http)


if __name__ == "__main__":
    total = sum(len(os.listdir(os.path.join(HERE, "corpus", t))) for t in os.listdir(os.path.join(HERE, "corpus")))
    print(f"make_corpus: {total} files under tests/fuzz/corpus")
