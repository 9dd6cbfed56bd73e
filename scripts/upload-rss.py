#!/usr/bin/env python3
"""Peak RSS of `attest serve` while hostile policy files are previewed concurrently.

Usage: scripts/upload-rss.py BINARY [COPIES]
Starts BINARY on a fresh data dir, signs in as the demo school manager, posts COPIES
of each hostile file at once (a zip bomb, XML nested two million deep, 9 MiB of text,
a PDF whose page inflates to 400 MiB),
and prints each answer, the wall time and the server's peak RSS (VmHWM, or the highest
sampled VmRSS if it died). ADMITTED=1 sends instead the worst files the limits let
through to the parser (nesting 300,000 deep, 950,000 elements, 195 KiB of duties);
ONLY=NAME sends one kind. Linux only (/proc).
"""
import io, json, os, shutil, sqlite3, subprocess, sys, tempfile, threading, time, zipfile, zlib
import http.cookiejar, urllib.request

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

def docx(document_xml):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()

def bomb():
    # ~60 MiB of dense paragraphs, a few hundred KiB zipped.
    para = '<w:p><w:r><w:t>a</w:t></w:r></w:p>'
    body = para * (60 * 1024 * 1024 // len(para))
    return docx(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')

def deep():
    n = 2_000_000
    return docx(f'<w:document xmlns:w="{W}"><w:body>' + '<w:p>' * n + '</w:p>' * n + '</w:body></w:document>')

def pdf_bomb():
    # One page whose content stream inflates to 400 MiB: about 400 KiB on the wire.
    content = b"BT /F1 12 Tf 72 712 Td (Staff must report every concern.) Tj ET\n" + b" " * (400 << 20)
    data = zlib.compress(content, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)

def deep_small():
    n = 300_000
    return docx(f'<w:document xmlns:w="{W}"><w:body>' + '<w:p>' * n + '</w:p>' * n + '</w:body></w:document>')

def dense():
    # Just under the markup limit: ~950k elements, DOM-parsed.
    return docx(f'<w:document xmlns:w="{W}"><w:body>' + '<w:p/>' * 950_000 + '</w:body></w:document>')

def max_text():
    line = "1.{} Staff must report every concern to the designated safeguarding lead at once.\n\n"
    out, i, size = ["Long policy\n\n"], 0, 0
    while size < 195 * 1024:
        s = line.format(i); out.append(s); size += len(s); i += 1
    return "".join(out).encode()

def huge_text():
    line = "1.{} Staff must report every concern to the designated safeguarding lead at once.\n\n"
    out, i = [], 0
    size = 0
    while size < 9 * 1024 * 1024:
        s = line.format(i); out.append(s); size += len(s); i += 1
    return ("Huge policy\n\n" + "".join(out)).encode()

def main():
    binary = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if os.environ.get("ADMITTED"):
        files = {"deep300k.docx": deep_small(), "dense.docx": dense(), "max.txt": max_text()}
    else:
        files = {"bomb.docx": bomb(), "deep.docx": deep(), "huge.txt": huge_text(), "bomb.pdf": pdf_bomb()}
    only = os.environ.get("ONLY")
    if only:
        files = {k: v for k, v in files.items() if k == only}
    for k, v in files.items():
        print(f"{k}: {len(v)} bytes uploaded")
    data = tempfile.mkdtemp(prefix="attest-rss-")
    proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", data,
        "--dist-dir", os.path.join(data, "no-app"), "--content-dir", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content"),
        "--demo-password", "rss-password-1"], stdout=subprocess.PIPE, stderr=open(os.path.join(tempfile.gettempdir(), "attest-rss-stderr.log"), "w"),
        env={**os.environ, "ATTEST_LOG": "warn"}, text=True)
    base = None
    for line in proc.stdout:
        if line.startswith("Attest is listening on "):
            base = line.split()[-1].rstrip("/"); break
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    school = sqlite3.connect(os.path.join(data, "attest.db")).execute(
        "SELECT id FROM schools WHERE slug = 'chad-vale-primary'").fetchone()[0]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(base + "/api/session", method="POST",
        data=json.dumps({"email": "manager@chad-vale-primary.example", "password": "rss-password-1"}).encode(),
        headers={"content-type": "application/json", "x-requested-with": "attest"})
    opener.open(req).read()
    def hwm():
        for l in open(f"/proc/{proc.pid}/status"):
            if l.startswith("VmHWM"):
                return int(l.split()[1]) // 1024
    print(f"peak RSS before uploads: {hwm()} MB")
    peak = [0]
    def sample():
        while proc.poll() is None:
            try:
                for l in open(f"/proc/{proc.pid}/status"):
                    if l.startswith("VmRSS"):
                        peak[0] = max(peak[0], int(l.split()[1]) // 1024)
            except Exception:
                pass
            time.sleep(0.02)
    threading.Thread(target=sample, daemon=True).start()
    results = []
    def upload(name, body):
        t = time.time()
        r = urllib.request.Request(f"{base}/api/schools/{school}/drafts?file_name={name}",
            method="POST", data=body, headers={"x-requested-with": "attest", "content-type": "application/octet-stream"})
        try:
            resp = opener.open(r, timeout=120); status = resp.status; text = resp.read()[:0]
        except urllib.error.HTTPError as e:
            status = e.code; text = e.read()[:160]
        except Exception as e:
            status = "error"; text = str(e)[:160].encode()
        results.append((name, status, round(time.time() - t, 1), text))
    start = time.time()
    threads = [threading.Thread(target=upload, args=(n, b)) for n, b in files.items() for _ in range(copies)]
    for t in threads: t.start()
    for t in threads: t.join()
    time.sleep(0.2)
    alive = proc.poll() is None
    print(f"{len(threads)} uploads in {time.time()-start:.1f}s; server alive: {alive}")
    for r in sorted(results, key=lambda r: r[0]):
        print("  ", r)
    if alive:
        print(f"peak RSS (VmHWM): {hwm()} MB; highest sampled: {peak[0]} MB")
        proc.terminate(); proc.wait()
    else:
        print(f"server exited with {proc.returncode}; highest RSS sampled: {peak[0]} MB")
    shutil.rmtree(data, ignore_errors=True)

main()
