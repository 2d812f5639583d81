// Fetching live pages over HTTP(S) with libcurl, many at once, results in the order they were
// added.
//
//   gazette::io::Fetcher fetcher;  // or fetcher(options)
//   gazette::io::FetchResult r;
//   while (true) {
//     while (fetcher.pending() < window && next_url(url)) fetcher.add(url);  // top up the window
//     if (!fetcher.next(r)) break;                                         // nothing pending
//     if (r.error) warn(r.url, r.error->message);   // per URL; the batch goes on
//     else extract(r.body, r.charset, r.final_url, r.http_date);
//   }
//
// A background thread owns the libcurl multi handle and drives every transfer, so the network
// makes progress (and timeouts measure the server, not the caller) while the caller is busy or
// blocked handing results on. add() queues a URL; next() blocks until the oldest URL not yet
// returned has finished. Results that finish early wait, so next() gives them in add order.
// Memory is bounded by the caller: Fetcher holds the URLs added and not yet returned, at most
// FetchOptions::max_bytes of body each, and nothing else. Keep the window (pending()) a few
// times max_connections so that one slow page does not leave the connections idle.
//
// Politeness and limits: at most max_connections transfers run at once, at most per_host of
// them to the same host name (counted by the host of the URL as given; libcurl also caps the
// connections to any one host, redirect targets included, at per_host). Requests to a host at
// its limit wait in add order while later ones to other hosts start. Every request says who it
// is (user_agent).
//
// What a transfer does: http and https only (also for redirects), redirects followed up to
// max_redirects, Accept-Encoding offered for every coding libcurl was built with (gzip,
// deflate, br, zstd) and undone as the body arrives, cookies kept within one URL's redirect
// chain only (consent redirects that set a cookie and loop without it), TLS certificates
// verified, proxies from the usual environment variables (http_proxy, https_proxy, no_proxy).
//
// Errors are per URL and never stop the batch: FetchResult::error is set
// - kBadInput: the URL is not an absolute http or https URL (reported without any request);
// - kIo: a transport failure (DNS, connection refused, TLS, timeout, too many redirects, a
//   redirect to another scheme, a connection cut mid-body), or a final HTTP status >= 400
//   ("HTTP 404 Not Found"; body then holds the error page);
// - kTooLarge: the body (decoded) exceeds max_bytes: the transfer is aborted there, nothing
//   beyond the limit is held.
// After a transport error or kTooLarge, body is empty.
//
// Thread safety: one Fetcher may be used from several threads (add() and next() lock), but the
// usual caller is the one producer thread; next() returns false as soon as nothing added is
// left to return, so a second thread still adding is not waited for.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "gazette/gazette.h"

namespace gazette::io {

struct FetchOptions {
  // Transfers running at once, over all hosts.
  unsigned max_connections = 16;
  // Transfers running at once to one host: two, as polite crawlers (and RFC 2616 once) do.
  unsigned per_host = 2;
  // Time to establish a connection (DNS, TCP and TLS), then for the whole transfer, redirects
  // and body included. Counted from when the transfer starts, not from add(): time waiting for
  // a free connection slot does not count. 0 means no limit (libcurl's convention): a stalled
  // server then holds next() forever.
  long connect_timeout_ms = 10'000;
  long timeout_ms = 30'000;
  long max_redirects = 10;
  // Largest body kept, after Content-Encoding is undone (the same default as
  // Options::max_input_bytes).
  size_t max_bytes = 64u << 20;
  std::string user_agent = "gazette/0.1 (news article extractor; +https://github.com/gazette)";
};

struct FetchResult {
  size_t index = 0;          // 0 for the first URL added, then 1, 2, ...
  std::string url;           // as given to add()
  std::string final_url;     // after redirects (the URL as given when no request was made)
  long status = 0;           // the final HTTP status; 0 when no response came
  std::string content_type;  // media type, lowercase, without parameters ("text/html")
  std::string charset;       // the charset parameter of Content-Type, as given; empty if none
  std::string http_date;     // the final response's Date, ISO 8601 UTC ("2024-03-04T12:00:00Z"); empty if absent or unparseable
  std::string body;          // Content-Encoding undone
  std::optional<Error> error;
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  // Aborts the transfers still running (promptly: DNS lookups are not waited for).
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Queues a URL and returns its index. Never blocks: the caller bounds how many are pending.
  size_t add(std::string url);

  // The result of the oldest URL not yet returned, waiting for its transfer to finish. False,
  // without waiting, when every URL added so far has been returned.
  bool next(FetchResult& out);

  // URLs added and not yet returned by next().
  size_t pending() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette::io
