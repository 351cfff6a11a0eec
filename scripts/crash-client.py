#!/usr/bin/env python3
"""The HTTP side of scripts/crash-test.sh: writes contacts and a campaign through Mailgate's API
and checks, after a kill -9 and a restart, what the database holds against what was sent.

    crash-client.py setup BASE TOKEN STATE                 fields and lists; STATE is a JSON file
    crash-client.py import BASE TOKEN STATE BATCHES ACKED  batches of 1,000 on 2 connections until the
                                                           node dies; ACKED gets each acknowledged batch
    crash-client.py check-import BASE TOKEN STATE BATCHES ACKED
    crash-client.py csv STATE ROWS FILE                    writes a CSV file of ROWS contacts for the import page
    crash-client.py check-csv BASE TOKEN STATE ROWS SHOWN  every row whole or absent, by batches of 1,000;
                                                           at least the SHOWN rows the progress reported
    crash-client.py campaign BASE TOKEN STATE RECIPIENTS   an audience list, its contacts, a campaign, send
    crash-client.py check-campaign BASE TOKEN STATE SINK   waits for "sent", then compares with the sink
Every check prints what it found; a violation is a line starting with "VIOLATION" and exit code 1.
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request

BATCH = 1000


def call(base, token, method, path, body=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def ok(result, what):
    status, body = result
    if status not in (200, 201, 204):
        sys.exit(f"{what}: HTTP {status}: {body}")
    return body


def contact(batch, i, lists):
    """What batch BATCH sends as item I: every part of a contact, so that a half-written one shows."""
    return {"email": f"c{batch:03d}-{i:04d}@crash.test", "first_name": f"First{batch}x{i}",
            "last_name": f"Last{i}", "tags": [f"batch-{batch}", "crash"],
            "fields": {"score": batch * 10000 + i, "note": f"note {batch}/{i}"},
            "lists": [lists[(batch + i) % len(lists)]]}


def setup(base, token, state):
    ok(call(base, token, "POST", "/api/v1/fields", {"key": "score", "label": "Score", "type": "number"}), "field")
    ok(call(base, token, "POST", "/api/v1/fields", {"key": "note", "label": "Note", "type": "text"}), "field")
    lists = [ok(call(base, token, "POST", "/api/v1/lists", {"name": f"Crash {n}"}), "list")["id"] for n in ("A", "B")]
    json.dump({"lists": lists}, open(state, "w"))


def send_batches(base, token, state, batches, acked):
    lists = json.load(open(state))["lists"]
    lock = threading.Lock()
    queue = list(range(int(batches)))

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                batch = queue.pop(0)
            body = {"contacts": [contact(batch, i, lists) for i in range(BATCH)]}
            try:
                status, answer = call(base, token, "POST", "/api/v1/contacts/batch", body)
            except Exception:  # the node died: this batch is unacknowledged
                return
            if status != 200 or any(item.get("outcome") == "error" for item in answer.get("results", [])):
                print(f"VIOLATION batch {batch} answered {status}: {str(answer)[:300]}", flush=True)
                return
            with lock, open(acked, "a") as out:
                out.write(f"{batch}\n")

    threads = [threading.Thread(target=worker) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]


def every_contact(base, token):
    cursor, found = "", {}
    while True:
        page = ok(call(base, token, "GET", "/api/v1/contacts?limit=100" + (f"&cursor={cursor}" if cursor else "")),
                  "contacts page")
        for c in page["data"]:
            found[c["email"]] = c
        cursor = page.get("next_cursor")
        if not cursor:
            return found


def check_import(base, token, state, batches, acked):
    lists = json.load(open(state))["lists"]
    acknowledged = {int(line) for line in open(acked) if line.strip()}
    stored = {email: c for email, c in every_contact(base, token).items() if email.endswith("@crash.test")}
    violations, partial, per_batch = [], 0, {}
    for batch in range(int(batches)):
        present = 0
        for i in range(BATCH):
            sent = contact(batch, i, lists)
            got = stored.get(sent["email"])
            if got is None:
                continue
            present += 1
            same = (got["first_name"] == sent["first_name"] and got["last_name"] == sent["last_name"]
                    and sorted(got["tags"]) == sorted(sent["tags"]) and got["fields"] == sent["fields"]
                    and got["lists"] == sent["lists"])
            if not same:
                partial += 1
                if partial <= 5:
                    violations.append(f"contact {sent['email']} is partial: stored {got}, sent {sent}")
        per_batch[batch] = present
        if batch in acknowledged and present != BATCH:
            violations.append(f"acknowledged batch {batch} has {present} of {BATCH} contacts")
        if batch not in acknowledged and present not in (0, BATCH):
            violations.append(f"unacknowledged batch {batch} is half there: {present} of {BATCH}")
    unacked_present = [b for b, n in per_batch.items() if n == BATCH and b not in acknowledged]
    print(f"import: {len(acknowledged)} batches acknowledged before the kill, {len(stored)} contacts present after "
          f"restart ({sum(1 for n in per_batch.values() if n == BATCH)} whole batches, of which "
          f"{len(unacked_present)} unacknowledged but committed), partial contacts = {partial}")
    return violations


def csv_row(n):
    """Row N of the CSV file: the same parts as an API contact, the list by its name."""
    return {"email": f"csv-{n:06d}@crash.test", "first_name": f"Csv{n}", "last_name": f"Row{n}",
            "tags": [f"csv-{n // BATCH}", "imported"], "fields": {"score": n, "note": f"csv {n}"},
            "list": "Crash A" if n % 2 else "Crash B"}


def write_csv(state, rows, path):
    with open(path, "w") as out:
        out.write("Email,First name,Last name,Tags,Lists,Score,Note\n")
        for n in range(int(rows)):
            r = csv_row(n)
            out.write(f"{r['email']},{r['first_name']},{r['last_name']},\"{', '.join(r['tags'])}\","
                      f"{r['list']},{r['fields']['score']},{r['fields']['note']}\n")


def check_csv(base, token, state, rows, shown):
    lists = json.load(open(state))["lists"]
    by_name = {"Crash A": lists[0], "Crash B": lists[1]}
    stored = {e: c for e, c in every_contact(base, token).items() if e.startswith("csv-")}
    violations, partial, whole = [], 0, 0
    for block in range(0, int(rows), BATCH):
        present = 0
        for n in range(block, min(int(rows), block + BATCH)):
            sent, got = csv_row(n), stored.get(csv_row(n)["email"])
            if got is None:
                continue
            present += 1
            if (got["first_name"], got["last_name"], sorted(got["tags"]), got["fields"], got["lists"]) != (
                    sent["first_name"], sent["last_name"], sorted(sent["tags"]), sent["fields"], [by_name[sent["list"]]]):
                partial += 1
                if partial <= 5:
                    violations.append(f"contact {sent['email']} is partial: stored {got}, sent {sent}")
        whole += present == BATCH
        if present not in (0, BATCH):
            violations.append(f"rows {block + 1} to {block + BATCH} of the file are half there: {present} of {BATCH}")
    if len(stored) < int(shown):
        violations.append(f"the progress said {shown} rows were imported, only {len(stored)} are there")
    print(f"csv import: {len(stored)} of {rows} rows present after restart ({whole} whole batches of 1,000), "
          f"partial contacts = {partial}")
    return violations


def campaign(base, token, state, recipients):
    audience = ok(call(base, token, "POST", "/api/v1/lists", {"name": "Crash audience"}), "list")["id"]
    total = int(recipients)
    for start in range(0, total, BATCH):
        items = [{"email": f"r{n:05d}@crash.test", "first_name": f"R{n}", "lists": [audience]}
                 for n in range(start, min(total, start + BATCH))]
        ok(call(base, token, "POST", "/api/v1/contacts/batch", {"contacts": items}), "audience batch")
    created = ok(call(base, token, "POST", "/api/v1/campaigns", {
        "name": "Crash test", "subject": "Hello {{first_name|there}}", "from_name": "Crash test",
        "from_email": "news@crash.test", "html_body": "<p>Hi {{first_name|there}}</p>", "list_id": audience}),
        "campaign")
    ok(call(base, token, "POST", f"/api/v1/campaigns/{created['id']}/send"), "send")
    json.dump({**json.load(open(state)), "campaign": created["id"], "recipients": total}, open(state, "w"))


def check_campaign(base, token, state, sink):
    saved = json.load(open(state))
    deadline = time.time() + 120
    while True:
        c = ok(call(base, token, "GET", f"/api/v1/campaigns/{saved['campaign']}"), "campaign")
        if c["status"] == "sent" or time.time() > deadline:
            break
        time.sleep(0.5)
    received, message_ids = {}, set()
    duplicate_ids = 0
    for line in open(sink):
        address, message_id = line.rstrip("\n").split("\t")
        received[address] = received.get(address, 0) + 1
        duplicate_ids += message_id in message_ids
        message_ids.add(message_id)
    twice = {a: n for a, n in received.items() if n > 1}
    total = saved["recipients"]
    violations = []
    if c["status"] != "sent":
        violations.append(f"campaign still {c['status']} two minutes after the restart: {c}")
    if twice:
        violations.append(f"{len(twice)} recipients got the campaign more than once, such as {list(twice.items())[:3]}")
    if duplicate_ids:
        violations.append(f"{duplicate_ids} Message-IDs were delivered twice")
    if c["recipients"] != total or c["sent"] + c["bounced"] + c["failed"] + c["queued"] != total or c["queued"]:
        violations.append(f"the counts do not add up to {total}: {c}")
    # every row SENT was delivered; a FAILED (interrupted) row may or may not have reached the sink
    if not c["sent"] <= len(received) <= c["sent"] + c["failed"]:
        violations.append(f"the sink holds {len(received)} recipients, the API says sent {c['sent']}, failed {c['failed']}")
    print(f"campaign: {total} recipients, delivered to {len(received)} distinct addresses, sent {c['sent']}, "
          f"failed (interrupted) {c['failed']}, bounced {c['bounced']}, queued {c['queued']}, "
          f"duplicates = {sum(n - 1 for n in twice.values())}")
    return violations


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(*args)
    elif command == "import":
        send_batches(*args)
    elif command == "campaign":
        campaign(*args)
    elif command == "csv":
        write_csv(*args)
    else:
        checks = {"check-import": check_import, "check-csv": check_csv, "check-campaign": check_campaign}
        found = checks[command](*args)
        for violation in found:
            print("VIOLATION " + violation)
        sys.exit(1 if found else 0)
