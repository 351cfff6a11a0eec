#!/usr/bin/env python3
"""Helpers of scripts/cluster-test.sh (standard library only).

  cluster-check.py keyset
      prints a new Tink JSON keyset (one AES256_GCM key), for MAILGATE_ENCRYPTION_KEYSET
  cluster-check.py introspect BASE CLIENT_ID CLIENT_SECRET REVOKED_FILE TOKEN_FILE...
      asks BASE/oauth2/introspect (RFC 7662) about every token in the files, on 8 keep-alive
      connections at once; prints "checked N active N revoked N lost N" and each lost token's
      last 4 characters. A token is lost when it is not active and not listed in REVOKED_FILE.
      Exits 1 when one is lost or could not be checked.
"""
import base64
import http.client
import json
import os
import secrets
import sys
import threading
import urllib.parse


def keyset():
    key_id = secrets.randbelow(2**31 - 1) + 1
    # google.crypto.tink.AesGcmKey { version: 0, key_value: 32 bytes }: field 3, length 32
    value = base64.b64encode(b"\x1a\x20" + os.urandom(32)).decode()
    print(json.dumps({"primaryKeyId": key_id, "key": [{
        "keyData": {"typeUrl": "type.googleapis.com/google.crypto.tink.AesGcmKey", "value": value,
                    "keyMaterialType": "SYMMETRIC"},
        "status": "ENABLED", "keyId": key_id, "outputPrefixType": "TINK"}]}))


def introspect(base, client_id, client_secret, revoked_file, token_files):
    tokens = [line.strip() for name in token_files for line in open(name) if line.strip()]
    revoked = {line.strip() for line in open(revoked_file)} if os.path.exists(revoked_file) else set()
    address = urllib.parse.urlsplit(base)
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
    headers = {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"}
    results = {}
    lock = threading.Lock()

    def work(part):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        for token in part:
            answer = "unchecked"
            for _ in range(3):  # a broken keep-alive connection is no verdict: ask again
                try:
                    connection.request("POST", "/oauth2/introspect", "token=" + token, headers)
                    response = connection.getresponse()
                    body = response.read()
                    if response.status == 200:
                        answer = "active" if json.loads(body).get("active") is True else "inactive"
                        break
                    answer = f"status {response.status}"
                except (OSError, http.client.HTTPException, ValueError) as error:
                    answer = f"error {error}"
                    connection.close()
                    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
            with lock:
                results[token] = answer
        connection.close()

    workers = [threading.Thread(target=work, args=(tokens[i::8],)) for i in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    active = sum(1 for a in results.values() if a == "active")
    revoked_seen = sum(1 for t, a in results.items() if a == "inactive" and t in revoked)
    lost = [t for t, a in results.items() if a != "active" and not (a == "inactive" and t in revoked)]
    print(f"checked {len(results)} active {active} revoked {revoked_seen} lost {len(lost)}")
    for token in lost[:10]:
        print(f"  lost ...{token[-4:]}: {results[token]}")
    return 1 if lost or len(results) != len(tokens) else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["keyset"]:
        keyset()
    elif sys.argv[1:2] == ["introspect"] and len(sys.argv) >= 7:
        sys.exit(introspect(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
