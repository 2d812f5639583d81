#!/usr/bin/env python3
"""Assembles the seed corpora of the fuzz targets from the repository's fixtures.

    fuzz/seeds.py OUT_DIR

writes OUT_DIR/<target>/<name> for every target of fuzz/targets.txt. Sources:
  * always: examples/, tests/fixtures/ (pages, dates.tsv, the scraped-text seed), and WARC
    archives and HTTP responses built here from those pages;
  * when ../shared exists next to the repository (the bench data and html5lib-tests, not part of
    the repository): the html5lib-tests tree-construction, tokenizer and encoding inputs, and a
    sample of the benchmark pages.
The seeds are regenerated on every run (cheap) and never committed; what the fuzzers learn
goes to build-fuzz/corpus/<target>/ (scripts/fuzz.sh).

Each target reads control bytes from the end of its input (fuzz/fuzz.h); seeds are the
fixture cut to the target's max_len, plus those bytes, in a few variants.
"""
import glob
import gzip
import hashlib
import json
import os
import re
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
BENCH_SAMPLE = 40  # benchmark pages per dataset: enough variety, little start-up time


def targets():
    out = {}
    with open(os.path.join(ROOT, "fuzz", "targets.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, max_len = line.split()[:2]
                out[name] = int(max_len)
    return out


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def repo_pages():
    paths = sorted(glob.glob(os.path.join(ROOT, "examples", "*.htm*")) +
                   glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.htm*"), recursive=True))
    return [read(p) for p in paths]


def repo_texts():
    paths = sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt")) +
                   glob.glob(os.path.join(SHARED, "seed", "*.txt")))
    return [read(p) for p in paths]


def html5lib_sections(pattern, section):
    """The #data (or other) sections of html5lib .dat files."""
    out = []
    for path in sorted(glob.glob(os.path.join(SHARED, "html5lib-tests", pattern))):
        text = open(path, "rb").read()
        for block in re.split(rb"\n(?=#data\n)", text):
            m = re.search(rb"#" + section + rb"\n(.*?)\n#", block, re.S)
            if m:
                out.append(m.group(1))
    return out


def html5lib_tokenizer_inputs():
    out = []
    for path in sorted(glob.glob(os.path.join(SHARED, "html5lib-tests", "tokenizer", "*.test"))):
        try:
            tests = json.load(open(path, encoding="utf-8")).get("tests", [])
        except (ValueError, UnicodeDecodeError):
            continue
        for t in tests:
            s = t.get("input", "")
            if t.get("doubleEscaped"):
                s = s.encode("utf-8").decode("unicode_escape", errors="replace")
            out.append(s.encode("utf-8", errors="replace"))
    return out


def scraper_dump(page):
    """A page as a scraper would leave it: the text of its blocks, one per line."""
    text = re.sub(rb"(?is)<(script|style|noscript)[^>]*>.*?</\1>", b"", page)
    text = re.sub(rb"(?i)</?(p|div|h[1-6]|li|br|tr|article|section|header|footer)[^>]*>", b"\n\n", text)
    text = re.sub(rb"<[^>]*>", b"", text)
    text = re.sub(rb"[ \t]+", b" ", text)
    text = re.sub(rb"\n\s*\n+", b"\n\n", text)
    return text.strip()


def bench_pages():
    out = []
    for d in sorted(glob.glob(os.path.join(SHARED, "bench", "datasets", "*", "pages"))):
        for p in sorted(glob.glob(os.path.join(d, "*")))[:BENCH_SAMPLE]:
            out.append(read(p))
    return out


def ld_json_scripts(pages):
    out = []
    for page in pages:
        for m in re.finditer(rb"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", page, re.S | re.I):
            out.append(m.group(1).strip())
    return out


# ----- WARC and HTTP made from the pages -----

def http_response(payload, ctype=b"text/html; charset=UTF-8", status=b"200 OK", extra=b""):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\n" + extra +
            b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload)


def chunked(payload, size=700):
    out = b""
    for i in range(0, len(payload), size):
        piece = payload[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def warc_record(n, wtype, block, extra=(), length=None, version=b"WARC/1.0"):
    r = (version + b"\r\nWARC-Type: " + wtype + b"\r\nWARC-Record-ID: <urn:uuid:%d>\r\n" % n +
         b"WARC-Date: 2024-01-02T03:04:05Z\r\n")
    for h in extra:
        r += h + b"\r\n"
    r += b"Content-Length: " + (length if length is not None else str(len(block)).encode()) + b"\r\n\r\n"
    return r + block + b"\r\n\r\n"


def warc_response(n, uri, payload, **kw):
    return warc_record(n, b"response", http_response(payload, **kw),
                       [b"WARC-Target-URI: " + uri, b"Content-Type: application/http; msgtype=response"])


def warcs(pages):
    small = [p[:6000] for p in pages[:4]] or [b"<p>x</p>"]
    page = small[0]
    info = warc_record(1, b"warcinfo", b"software: gazette-fuzz\r\nformat: WARC File Format 1.0\r\n",
                       [b"Content-Type: application/warc-fields"])
    request = warc_record(2, b"request", b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
                          [b"WARC-Target-URI: https://example.com/a", b"Content-Type: application/http; msgtype=request"])
    responses = b"".join(warc_response(10 + i, b"https://example.com/%d" % i, p) for i, p in enumerate(small))
    return {
        "plain": info + request + responses,
        "encoded": warc_response(20, b"<https://example.com/gz>", chunked(gzip.compress(page, 1)),
                                 extra=b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
        "deflate": warc_response(21, b"https://example.com/z", zlib.compress(page, 1),
                                 extra=b"Content-Encoding: deflate\r\n"),
        "statuses": warc_response(22, b"https://example.com/404", b"gone", status=b"404 Not Found") +
                    warc_response(23, b"https://example.com/img", b"\x89PNG", ctype=b"image/png") +
                    warc_record(24, b"revisit", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                                [b"WARC-Target-URI: https://example.com/r"]),
        "warc11-lf": warc_record(30, b"resource", page, [b"Content-Type: text/html"],
                                 version=b"WARC/1.1").replace(b"\r\n", b"\n"),
        "length-short": warc_record(40, b"resource", page, [b"Content-Type: text/html"], length=b"10") + responses,
        "length-long": warc_record(41, b"resource", page, [b"Content-Type: text/html"], length=b"999999") + responses,
        "length-huge": warc_record(42, b"resource", page, length=b"18446744073709551615") + responses,
        "cut": (info + responses)[: len(info) + len(responses) // 2],
    }


def https(pages):
    page = (pages[0] if pages else b"<p>x</p>")[:8000]
    return {
        "plain": http_response(page),
        "chunked": http_response(chunked(page), extra=b"Transfer-Encoding: chunked\r\n"),
        "gzip": http_response(gzip.compress(page, 1), extra=b"Content-Encoding: gzip\r\n"),
        "deflate-raw": http_response(zlib.compress(page, 1)[2:-4], extra=b"Content-Encoding: deflate\r\n"),
        "folded-lf": b"HTTP/1.0 200 OK\nContent-Type: text/html;\n charset=\"iso-8859-1\"\n\n" + page[:500],
        "gzip-chunked": http_response(chunked(gzip.compress(page, 1), 300),
                                      extra=b"Transfer-Encoding: chunked\r\nContent-Encoding: x-gzip, identity\r\n"),
    }


def legacy_encodings(pages):
    """Text in legacy encodings, for the sniffer and decoders: (bytes, label index in decode_fuzzer)."""
    samples = [
        ("Ceci est un été très chaud à Paris, où l'on boit du café. " * 4, ["windows-1252", "iso-8859-15"]),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. " * 4, ["iso-8859-2", "windows-1250"]),
        ("Съешь же ещё этих мягких французских булок. " * 4, ["koi8-r", "windows-1251", "ibm866"]),
        ("日本語のテキストです。東京は晴れ。" * 4, ["shift_jis", "euc-jp", "iso-2022-jp"]),
        ("中文新闻报道，今天北京天气晴朗。" * 4, ["gbk", "gb18030", "big5"]),
        ("한국어 뉴스 기사입니다. " * 4, ["euc-kr"]),
        ("Ελληνικά κείμενα για δοκιμή. " * 4, ["iso-8859-7"]),
        ("עברית לבדיקה של המפענח. " * 4, ["windows-1255"]),
        ("mixed UTF-16 text: é ü 中 ", ["utf-16-le", "utf-16-be"]),
    ]
    out = []
    for text, codecs in samples:
        for codec in codecs:
            try:
                body = text.encode(codec)
            except (LookupError, UnicodeEncodeError):
                continue
            out.append((b"<html><head><title>t</title></head><body><p>" if "16" not in codec else b"") + body)
            out.append((b"<meta charset=\"" + codec.encode() + b"\">" if "16" not in codec else b"\xff\xfe") + body)
    for p in pages[:3]:
        out.append(p.decode("utf-8", errors="replace").encode("utf-16-le"))
        out.append(b"\xef\xbb\xbf" + p[:4000])
    return out


class Writer:
    def __init__(self, out_dir, max_lens):
        self.out_dir, self.max_lens, self.counts = out_dir, max_lens, {}

    def add(self, target, payload, controls=b""):
        """One seed: `payload` cut to max_len, then the control bytes (last byte = first taken)."""
        room = self.max_lens[target] - len(controls)
        data = payload[:room] + controls
        d = os.path.join(self.out_dir, target)
        os.makedirs(d, exist_ok=True)
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: fuzz/seeds.py OUT_DIR")
    w = Writer(sys.argv[1], targets())
    pages = repo_pages()
    shared = os.path.isdir(SHARED)
    snippets = html5lib_sections("tree-construction/*.dat", b"data") if shared else []
    tokens = html5lib_tokenizer_inputs() if shared else []
    bench = bench_pages() if shared else []
    texts = repo_texts()

    # HTML targets. The control bytes cycle through the states, chunkings and fragment contexts.
    for i, doc in enumerate(pages + bench):
        w.add("html5_tokenizer", doc, bytes([(i * 17) & 0xF7]))
        w.add("html5_tree", doc, bytes([(i * 37) & 0xFF]))
        w.add("parser_diff", doc)
    for i, s in enumerate(snippets + tokens):
        w.add("html5_tokenizer", s, bytes([(i * 29 + (i & 7)) & 0xFF]))
        w.add("html5_tree", s, bytes([(i * 41) & 0xFF]))
        w.add("parser_diff", s)

    # The pipeline: pages with the default options, with a URL and reference time, through
    # gumbo; scraped texts as text. Second control byte 1: the history check.
    for i, doc in enumerate(pages + bench):
        w.add("extract", doc, bytes([i & 1, 0x00]))
        if i < 8:
            w.add("extract", doc, bytes([1, 0x60]))
            w.add("extract", doc, bytes([0, 0x06]))
    dumps = [scraper_dump(p) for p in pages + bench[:20]]
    dumps.append("Lagazette\n\nLES ÉTATS-UNIS METTENT EN GARDE LA CORÉE\n\n31 Août 2023 16:12 (UTC+01:00)\n"
                 "LES ÉTATS-UNIS METTENT EN GARDE LA CORÉE\n\nParis / La Gazette\n\nLa Maison Blanche a mis "
                 "en garde, il y a 3 heures, la Corée du Nord.\n\nLoading...\nL'info de A à Z Voir Plus\n".encode())
    for t in texts + dumps:
        w.add("extract", t, bytes([1, 0x01]))
        w.add("scraped_text", t, b"\x00")
        w.add("scraped_text", t, b"\x03")

    # Decoding: pages, the html5lib encoding tests, legacy encodings; transport label 0 (none)
    # and a few others.
    enc_tests = html5lib_sections("encoding/*.dat", b"data") + html5lib_sections("encoding/*/*.dat", b"data") if shared else []
    for i, doc in enumerate(pages + enc_tests + legacy_encodings(pages)):
        w.add("decode", doc, bytes([0 if i % 3 else (i % 28)]))
    w.add("decode", b"shift_jis\n" + "テスト".encode("shift_jis"), b"\xf0")

    # WARC: each archive in each layout (plain, whole gzip, per-record gzip, damaged).
    for name, data in sorted(warcs(pages).items()):
        for layout in (0, 1, 2, 3, 0x13, 0x08, 0x06):
            w.add("warc", data, bytes([layout]))
    for name, data in sorted(https(pages).items()):
        for mode in (0, 1, 3, 5, 8):
            w.add("http", data, bytes([mode]))

    # Dates: the date table's texts, with and without a reference time.
    with open(os.path.join(ROOT, "tests", "fixtures", "dates", "dates.tsv"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 2:
                continue
            w.add("date", cols[1].encode("utf-8"), bytes([(i % 2) * 2 + (i % 5 == 0)]))
    for url in [b"https://example.com/2019/10/16/story", b"https://example.com/news/16-10-2019_x.html",
                b"/20191016/a", b"https://x.org/a_2019_10_16_b"]:
        w.add("date", url, b"\x00")

    # JSON-LD: the scripts of the pages, some joined (several scripts per page), some broken.
    scripts = ld_json_scripts(pages + bench)
    for s in scripts:
        w.add("jsonld", s)
    if len(scripts) > 1:
        w.add("jsonld", b"\x00".join(scripts[:4]))
    for broken in [b'<!--{"@type":"NewsArticle","headline":"A",}-->',
                   b'{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","@id":"#a",'
                   b'"author":{"@id":"#p"}},{"@type":"Person","@id":"#p","name":"Jane Doe"}]}',
                   b'{"@type":"Article","headline":"It\'s \\\' broken"\n"datePublished":"2023-08-31"} {"@type":"WebSite","name":"S"};',
                   b'{"@type":["NewsArticle"],"author":[{"name":"A"},"B",{"@type":"Organization","name":"C"}]']:
        w.add("jsonld", broken)

    for target in sorted(w.max_lens):
        print("seeds: %-16s %5d" % (target, w.counts.get(target, 0)))


if __name__ == "__main__":
    main()
