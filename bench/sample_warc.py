#!/usr/bin/env python3
"""Copy every Nth record of a WARC written one gzip member per record (as the bench WARC of
../shared/bench/corpus/build_warc.py and Common Crawl's are), for profiles that are too slow to
run on the whole archive (callgrind: about 50 times slower than a plain run).

    bench/sample_warc.py build/bench/pages.warc.gz /tmp/sample.warc.gz --every 8

The first member (the warcinfo record) is always kept. Members are copied byte for byte, so the
sample is a valid .warc.gz with the same records, compression and layout as the original.
"""
import argparse
import sys
import zlib


def members(data):
    """Yields (start, end) of each gzip member of `data`."""
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(31)
        # One member at a time: decompressobj stops at the member's end and keeps the rest as
        # unused_data, whose length tells where the next member starts.
        chunk = data[pos:pos + 64 * 1024 * 1024]
        d.decompress(chunk)
        if not d.eof:
            raise ValueError(f"truncated or oversized gzip member at byte {pos}")
        end = pos + len(chunk) - len(d.unused_data)
        yield pos, end
        pos = end


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("warc")
    ap.add_argument("out")
    ap.add_argument("--every", type=int, default=8, help="keep one record in N (default 8)")
    args = ap.parse_args()
    if args.every < 1:
        sys.exit("sample_warc.py: --every must be at least 1")
    data = open(args.warc, "rb").read()
    kept = 0
    with open(args.out, "wb") as out:
        for i, (start, end) in enumerate(members(data)):
            if i % args.every == 0:
                out.write(data[start:end])
                kept += 1
    print(f"{kept} of {i + 1} records written to {args.out}")


if __name__ == "__main__":
    main()
