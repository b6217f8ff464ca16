"""Overload check (issue 9): 10 articles of 200,000 characters of each shape (one block of words, one
word per line, emoji) sent at once to `serve` with its defaults, while a normal one-paragraph request is
sent every 0.3 s; reports how soon after the last 503 normal requests are answered at their usual
latency again, and the server's peak RSS (goals: within 2 s of usual latency, under 1.5 GB).

Usage, after a build:  python3 docs/overload.py target/framescope.jar [PORT]   (Linux: reads /proc)"""
import json, subprocess, sys, threading, time, urllib.request, urllib.error, os, statistics
JAR = sys.argv[1]; PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8093
env = dict(os.environ, OMP_NUM_THREADS="1", ORT_DISABLE_TELEMETRY="1", OPT_OUT_TRACKING="true")
srv = subprocess.Popen(["java", "-Xmx6g", "-Dai.djl.offline=true", "-jar", JAR, "serve", "--port", str(PORT)],
                       stdout=subprocess.DEVNULL, stderr=open("/tmp/accept/serve.log", "w"), env=env)
base = f"http://127.0.0.1:{PORT}"
def post(text, timeout=120):
    body = json.dumps({"text": text}).encode()
    req = urllib.request.Request(base + "/v1/classify", data=body, headers={"Content-Type": "application/json"})
    t0 = time.time()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read(); return r.status, time.time() - t0
    except urllib.error.HTTPError as e:
        e.read(); return e.code, time.time() - t0
def rss():
    d = {}
    for l in open(f"/proc/{srv.pid}/status"):
        if l.startswith(("VmRSS", "VmHWM")):
            k, v = l.split(":"); d[k] = int(v.split()[0]) // 1024
    return d
for _ in range(240):
    try:
        if urllib.request.urlopen(base + "/readyz", timeout=2).status == 200: break
    except Exception: pass
    time.sleep(0.5)
NORMAL = ("Mali's transitional authorities signed a new defence agreement with Moscow on Tuesday, "
          "a foreign ministry spokesperson said, adding that instructors would arrive within weeks.")
post(NORMAL)
usual = statistics.median([post(NORMAL)[1] for _ in range(10)])
print(f"usual latency of a normal request: {usual*1000:.0f} ms; RSS before: {rss()}")
def shape(kind):
    unit = {"block": "word ", "words": "word\n", "emoji": "\U0001F600 "}[kind]
    # 200,000 UTF-16 code units, as the server counts characters (an emoji is two)
    return unit * (200_000 // (len(unit.encode("utf-16-le")) // 2))
texts = [shape(k) for k in ("block", "words", "emoji") for _ in range(10)]
results = []; lock = threading.Lock(); t_start = time.time()
def fire(t, k):
    s, dt = post(t)
    with lock: results.append((k, s, time.time() - t_start, dt))
threads = [threading.Thread(target=fire, args=(t, i // 10)) for i, t in enumerate(texts)]
for th in threads: th.start()
probes = []; peak = 0
def finished_for(sec):
    if any(th.is_alive() for th in threads): return False
    return time.time() - (t_start + max(r[2] for r in results)) > sec
while not finished_for(15) and time.time() - t_start < 300:
    t_sent = time.time() - t_start
    s, dt = post(NORMAL, timeout=60)
    probes.append((t_sent, s, dt)); peak = max(peak, rss()["VmRSS"])
    time.sleep(0.3)
for th in threads: th.join()
last_503 = max([r[2] for r in results if r[1] == 503] + [p[0] + p[2] for p in probes if p[1] == 503], default=0)
print("long requests by shape (block, words, emoji):", {k: sorted(s for kk, s, _, _ in results if kk == k) for k in range(3)})
print(f"last 503 at {last_503:.1f} s after the flood began")
after = [p for p in probes if p[0] > last_503]
ok_after = [p for p in after if p[1] == 200]
first_ok = next((p for p in after if p[1] == 200 and p[2] <= usual + 2.0), None)
print(f"normal probes during the flood: {len(probes)}, 503s among them: {sum(p[1] == 503 for p in probes)}")
print(f"normal requests sent after the last 503: {len(after)}, answered 200: {len(ok_after)}, "
      f"max latency {max([p[2] for p in after], default=0)*1000:.0f} ms")
if first_ok:
    print(f"first normal answer within usual+2 s came {first_ok[0]-last_503:.2f} s after the last 503 (latency {first_ok[2]*1000:.0f} ms)")
print(f"peak RSS sampled {peak} MB; VmHWM {rss()['VmHWM']} MB")
m = urllib.request.urlopen(base + "/metrics").read().decode()
print("\n".join(l for l in m.splitlines() if l.startswith(("framescope_cancelled", "framescope_rejected_requests_total"))))
srv.terminate(); srv.wait(30)
